package org.smmubench.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import org.smmubench.bench.Bench;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.scenario.Step;

/**
 * CPU time per step of the benchmark's bind → DMA → unbind cycle, measured with the thread's
 * own CPU clock. On a machine shared with other work the JMH throughput scores mostly measure
 * the queue for a core; CPU time does not, so the ratios between configurations are sound
 * even then. Not a JMH benchmark (JMH has no CPU-time mode): a companion to
 * BindDmaUnbindBenchmark, same topology, same cycle, warmed up first.
 * Usage: {@code java [-Dsmmubench.checking=paranoid] -cp benchmarks.jar org.smmubench.bench.jmh.CpuPerStep [devices...]}.
 */
public final class CpuPerStep {
    private CpuPerStep() {}

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {1, 16, 256, 1024} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.println("devices invariants  cpu-us/step  steps/s/core  (checking=" + System.getProperty("smmubench.checking", "default") + ")");
        for (int n : sizes) {
            for (boolean inv : new boolean[] {true, false}) {
                Bench bench = BenchTopology.build(DriverVariants.FIXED, inv, n);
                Step[][] cycles = new Step[n][];
                for (int i = 0; i < n; i++) cycles[i] = BenchTopology.cycle(i);
                run(bench, cycles, mx, 3_000_000_000L);            // warm-up: 3 s of CPU
                long[] r = run(bench, cycles, mx, 3_000_000_000L); // measured: 3 s of CPU
                double us = r[0] / 1000.0 / r[1];
                System.out.printf("%7d %-10s %12.2f %13.0f%n", n, inv ? "on" : "off", us, 1e6 / us);
                bench.close();
            }
        }
    }

    /** Runs whole cycles until {@code cpuNanos} of this thread's CPU time went by; returns {cpu ns, steps}. */
    private static long[] run(Bench bench, Step[][] cycles, ThreadMXBean mx, long cpuNanos) {
        long t0 = mx.getCurrentThreadCpuTime();
        long steps = 0;
        int next = 0;
        long t;
        do {
            for (Step s : cycles[next]) BenchTopology.checked(bench.run(s));
            steps += cycles[next].length;
            next = next + 1 == cycles.length ? 0 : next + 1;
        } while ((t = mx.getCurrentThreadCpuTime()) - t0 < cpuNanos);
        return new long[] {t - t0, steps};
    }
}
