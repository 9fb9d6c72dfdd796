package org.smmubench.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
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
import org.smmubench.scenario.Access;
import org.smmubench.scenario.Step;

/**
 * Steps per second of DMA from the devices of one large iommu_group (platform devices sharing
 * one DMA domain), with {@code proc1} bound to the group: a bind attaches the PASID to every
 * device of the group, so each one translates for it. One invocation is one DMA write, from
 * each device in turn. The case the fuzz suite met as a REPL session with a 4,098-device
 * group: per-step cost must not grow with the group.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class GroupDmaBenchmark {
    @Param({"true", "false"})
    public boolean invariants;

    @Param({"4", "4096"})
    public int devices;

    private Bench bench;
    private Step[] dmas;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        bench = BenchTopology.buildGroup(DriverVariants.FIXED, invariants, devices);
        BenchTopology.checked(bench.run(new Step.Bind(BenchTopology.deviceName(0), BenchTopology.PROCESS, "ok", BenchTopology.POS)));
        dmas = new Step[devices];
        for (int i = 0; i < devices; i++) {
            dmas[i] = new Step.Dma(BenchTopology.deviceName(i), BenchTopology.PROCESS, null, BenchTopology.VA, Access.WRITE, "ok", BenchTopology.POS);
        }
        next = 0;
    }

    @Benchmark
    public void dma(Blackhole bh) {
        Step s = dmas[next];
        next = next + 1 == dmas.length ? 0 : next + 1;
        bh.consume(BenchTopology.checked(bench.run(s)));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        bench.finish();
    }
}
