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
import org.smmubench.explore.Explorer;
import org.smmubench.explore.ScenarioGenerator;

/**
 * Explore's unit of work, as runs per second: generate scenario {@code i} of seed 1 and run it
 * on the pre-fix tree with every invariant (a scenario with a {@code parallel:} step runs all
 * its interleavings). Invocation {@code i} takes scenario {@code i}, so a measurement walks
 * the same sequence explore does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ExploreRunBenchmark {
    @Param({"false", "true"})
    public boolean interleavings;

    private ScenarioGenerator gen;
    private int next;

    @Setup
    public void setUp() {
        gen = new ScenarioGenerator(Explorer.DEFAULT_STEPS, List.of(DriverVariants.PRE_FIX), interleavings);
        next = 0;
    }

    @Benchmark
    public RunResult generateAndRun() {
        int i = next++;
        return ScenarioRunner.run(gen.generate(Explorer.runSeed(1, i), "jmh-" + i), DriverVariants.PRE_FIX, false);
    }
}
