package org.smmubench.bench.jmh;

import org.smmubench.bench.Bench;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.scenario.Step;

/**
 * Simulated physical memory of the benchmark topology: after probing N devices, with
 * {@code proc1} bound to all of them, after unbinding, and after teardown. Not timed.
 * Usage: {@code java -cp benchmarks.jar org.smmubench.bench.jmh.MemoryFootprint [devices] [driver]}.
 */
public final class MemoryFootprint {
    private MemoryFootprint() {}

    public static void main(String[] args) {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        String driver = args.length > 1 ? args[1] : DriverVariants.FIXED;
        Bench bench = BenchTopology.build(driver, false, devices);
        System.out.println(devices + " devices, " + driver);
        System.out.println("  after setup:          " + BenchTopology.memory(bench));
        Step[][] cycles = new Step[devices][];
        for (int i = 0; i < devices; i++) cycles[i] = BenchTopology.cycle(i);
        for (Step[] c : cycles) BenchTopology.checked(bench.run(c[0]));
        for (Step[] c : cycles) BenchTopology.checked(bench.run(c[1]));
        System.out.println("  bound to all devices: " + BenchTopology.memory(bench));
        for (Step[] c : cycles) BenchTopology.checked(bench.run(c[2]));
        System.out.println("  unbound from all:     " + BenchTopology.memory(bench));
        bench.finish();
        System.out.println("  after finish:         " + BenchTopology.memory(bench)
                + ", violations " + bench.violations().size());
    }
}
