package org.smmubench.bench.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.ScenarioRunner;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioLoader;

/**
 * What recording a run for the HTML report costs: one whole run of the b5bf7778 seed
 * scenario (setup, bind, DMA, unbind, DMA, teardown) through {@link ScenarioRunner}, with
 * {@code record} off (what every run without {@code --html} does) and on (the kernel event
 * log and a topology snapshot per step). The score is runs per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RecordingCostBenchmark {
    static final String SEED = """
            scenario: first SVA bind at PASID 0x400 allocates a CD leaf
            smmu: {cd-table: two-level, ssid-bits: 20}
            devices:
              - {name: nic0, bus: pci, sid: 0x100}
            processes:
              - name: proc1
                pasid: 0x400
                mappings:
                  - {va: 0x400000, size: 0x10000, prot: rw}
            steps:
              - bind:   {device: nic0, process: proc1}
              - dma:    {device: nic0, process: proc1, va: 0x400000, access: write, expect: ok}
              - unbind: {device: nic0, process: proc1}
              - dma:    {device: nic0, process: proc1, va: 0x400000, access: write, expect: C_BAD_CD}
            expect:
              pre-fix: {violations: [atomic-sleep]}
              fixed:   {violations: []}
            """;

    @Param({DriverVariants.PRE_FIX})
    public String driver;

    @Param({"false", "true"})
    public boolean record;

    private Scenario scenario;

    @Setup
    public void setUp() {
        List<Scenario> s = ScenarioLoader.parse("seed.yaml", SEED);
        scenario = s.get(0);
    }

    @Benchmark
    public RunResult seedRun() {
        RunResult r = ScenarioRunner.run(scenario, driver, false, record);
        if (!r.passed()) throw new IllegalStateException("the seed scenario failed: " + r);
        return r;
    }
}
