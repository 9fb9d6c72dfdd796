package org.smmubench.bench.jmh;

import java.util.List;
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
import org.smmubench.mm.Prot;
import org.smmubench.scenario.Mapping;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.Step;

/**
 * Steps per second of the bind → DMA → unbind cycle on one device, with every invariant on,
 * as the machine carries more state: {@code history} cycles already run, {@code boundProcesses}
 * other processes bound to the same device (so as many live PASIDs in its CD table), and
 * {@code idleProcesses} processes that exist but are bound to nothing. Flat scores across
 * each parameter mean a step costs what it touches, not what the machine holds. Vary one
 * parameter at a time with {@code -p} (see runtime/src/jmh/README.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class LoadedStateBenchmark {
    @Param({"10", "10000"})
    public int history;

    @Param({"0", "10000"})
    public int boundProcesses;

    @Param({"0", "10000"})
    public int idleProcesses;

    private Bench bench;
    private Step[] cycle;

    @Setup(Level.Trial)
    public void setUp() {
        bench = BenchTopology.build(DriverVariants.FIXED, true, 1);
        String dev = BenchTopology.deviceName(0);
        for (int i = 0; i < boundProcesses + idleProcesses; i++) {
            String name = "other" + i;
            bench.addProcess(new ProcessSpec(name, null, null, List.of(new Mapping(BenchTopology.VA, 0x1000, Prot.RW)), BenchTopology.POS));
            if (i < boundProcesses) BenchTopology.checked(bench.run(new Step.Bind(dev, name, "ok", BenchTopology.POS)));
        }
        cycle = BenchTopology.cycle(0);
        for (int i = 0; i < history; i++) for (Step s : cycle) BenchTopology.checked(bench.run(s));
    }

    @Benchmark
    @OperationsPerInvocation(BindDmaUnbindBenchmark.STEPS_PER_CYCLE)
    public void bindDmaUnbind(Blackhole bh) {
        for (Step s : cycle) bh.consume(BenchTopology.checked(bench.run(s)));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        bench.close();
    }
}
