package org.smmubench.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import java.util.List;

import org.smmubench.bench.Bench;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.mm.Prot;
import org.smmubench.scenario.Mapping;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.Step;

/**
 * CPU time per step of the benchmark's bind → DMA → unbind cycle, measured with the thread's
 * own CPU clock. On a machine shared with other work the JMH throughput scores mostly measure
 * the queue for a core; CPU time does not, so the ratios between configurations are sound
 * even then. Not a JMH benchmark (JMH has no CPU-time mode): a companion to
 * BindDmaUnbindBenchmark, same topology, same cycle, warmed up first.
 *
 * <p>The JIT needs about 10 s of this thread's CPU before a step with every invariant on reaches
 * its steady cost (measured at one device: 120 µs per step in the first second, 11 µs from the
 * tenth on), so the warm-up is 15 s of CPU by default ({@code -DcpuPerStep.warmup=seconds}).
 * The measurement is five rounds of one second of CPU each; the figure printed is their mean
 * and, after ±, half the spread between the slowest and the fastest round.
 * {@code -DcpuPerStep.boundProcesses=N} binds N other processes to dev0 first (N more live
 * PASIDs in its CD table, as LoadedStateBenchmark's {@code boundProcesses}) and
 * {@code -DcpuPerStep.idleProcesses=N} creates N processes bound to nothing; set-up time is printed.
 * {@code -DcpuPerStep.invariants=on} (or {@code off}) measures only that half.
 * Usage: {@code java [-Dsmmubench.checking=paranoid] -cp benchmarks.jar org.smmubench.bench.jmh.CpuPerStep [devices...]}.
 */
public final class CpuPerStep {
    private CpuPerStep() {}

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {1, 16, 256, 1024} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long warmup = Long.getLong("cpuPerStep.warmup", 15) * 1_000_000_000L;
        System.out.println("devices invariants  cpu-us/step (± half spread of 5 rounds)  steps/s/core  (checking="
                + System.getProperty("smmubench.checking", "default") + ", warm-up " + warmup / 1_000_000_000L + " s of CPU)");
        for (int n : sizes) {
            String only = System.getProperty("cpuPerStep.invariants", "both");
            for (boolean inv : only.equals("on") ? new boolean[] {true} : only.equals("off") ? new boolean[] {false} : new boolean[] {true, false}) {
                Bench bench = BenchTopology.build(DriverVariants.FIXED, inv, n);
                load(bench, Integer.getInteger("cpuPerStep.boundProcesses", 0), Integer.getInteger("cpuPerStep.idleProcesses", 0));
                Step[][] cycles = new Step[n][];
                for (int i = 0; i < n; i++) cycles[i] = BenchTopology.cycle(i);
                run(bench, cycles, mx, warmup);
                double sum = 0, min = Double.MAX_VALUE, max = 0;
                for (int round = 0; round < 5; round++) {
                    long[] r = run(bench, cycles, mx, 1_000_000_000L);
                    double us = r[0] / 1000.0 / r[1];
                    sum += us;
                    min = Math.min(min, us);
                    max = Math.max(max, us);
                }
                double us = sum / 5;
                System.out.printf("%7d %-10s %12.2f ± %-6.2f %13.0f%n", n, inv ? "on" : "off", us, (max - min) / 2, 1e6 / us);
                bench.close();
            }
        }
    }

    /** LoadedStateBenchmark's extra state: {@code bound} processes bound to dev0, {@code idle} bound to nothing. */
    private static void load(Bench bench, int bound, int idle) {
        if (bound + idle == 0) return;
        long t0 = System.nanoTime();
        for (int i = 0; i < bound + idle; i++) {
            String name = "other" + i;
            bench.addProcess(new ProcessSpec(name, null, null, List.of(new Mapping(BenchTopology.VA, 0x1000, Prot.RW)), BenchTopology.POS));
            if (i < bound) BenchTopology.checked(bench.run(new Step.Bind(BenchTopology.deviceName(0), name, "ok", BenchTopology.POS)));
        }
        System.out.printf("  set-up: %d bound + %d idle processes in %.1f s%n", bound, idle, (System.nanoTime() - t0) / 1e9);
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
