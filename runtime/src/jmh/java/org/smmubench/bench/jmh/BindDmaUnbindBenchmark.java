package org.smmubench.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.smmubench.bench.Bench;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.scenario.Step;

/**
 * Steps per second of a bind → DMA → unbind cycle through {@link Bench#run}.
 *
 * <p>One invocation is one device's cycle: bind {@code proc1} to the next device (round
 * robin over all of them), one DMA write through its PASID, unbind. That is three steps,
 * hence {@code @OperationsPerInvocation(3)}: the score is steps/s. After every invocation
 * the process is bound to nothing again, so every invocation starts from the same state;
 * with 256 devices the other 255 are probed, SVA-enabled and idle, which is what makes the
 * whole-state invariants (and any per-step walk of all devices) cost more.
 *
 * <p>Only Bench.run is timed: setup (probing the devices) is per trial.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class BindDmaUnbindBenchmark {
    static final int STEPS_PER_CYCLE = 3;

    @Param({DriverVariants.FIXED, DriverVariants.PRE_FIX})
    public String driver;

    @Param({"true", "false"})
    public boolean invariants;

    @Param({"1", "256"})
    public int devices;

    private Bench bench;
    private Step[][] cycles;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        bench = BenchTopology.build(driver, invariants, devices);
        cycles = new Step[devices][];
        for (int i = 0; i < devices; i++) cycles[i] = BenchTopology.cycle(i);
        next = 0;
        System.out.println("# setup " + devices + " devices, driver " + driver + ", invariants " + invariants + ": "
                + BenchTopology.memory(bench));
    }

    @Benchmark
    @OperationsPerInvocation(STEPS_PER_CYCLE)
    public void bindDmaUnbind(Blackhole bh) {
        Step[] c = cycles[next];
        next = next + 1 == cycles.length ? 0 : next + 1;
        for (Step s : c) bh.consume(BenchTopology.checked(bench.run(s)));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        System.out.println("# after the run: " + BenchTopology.memory(bench) + ", violations recorded "
                + bench.violations().size());
        bench.finish();
        System.out.println("# after finish: " + BenchTopology.memory(bench));
        bench.close();
    }
}
