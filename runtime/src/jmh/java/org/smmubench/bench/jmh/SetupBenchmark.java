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
import org.openjdk.jmh.annotations.Warmup;
import org.smmubench.bench.Bench;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.scenario.ScenarioLoader;

/**
 * Set-up cost, one shot each: probing N devices with every invariant on ({@code probe}; in one
 * iommu_group, {@code probeGroup}), and
 * loading a file of N YAML documents ({@code loadYaml}). Both must grow linearly: the
 * score per N should stay flat as N grows.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class SetupBenchmark {
    @Param({"1024", "10000"})
    public int devices;

    @Param({"10000", "160000"})
    public int documents;

    private String yaml;

    @Setup(Level.Trial)
    public void setUp() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < documents; i++) {
            b.append("---\nscenario: s").append(i).append("\ndevices: [{name: d, bus: pci, sid: 1}]\n")
                    .append("processes: [{name: p}]\nsteps: [{bind: {device: d, process: p}}]\n");
        }
        yaml = b.toString();
    }

    @Benchmark
    public Bench probe() {
        Bench bench = BenchTopology.build(DriverVariants.FIXED, true, devices);
        bench.close();
        return bench;
    }

    /** The same N devices as platform devices in one iommu_group (each probe joins the group's domain). */
    @Benchmark
    public Bench probeGroup() {
        Bench bench = BenchTopology.buildGroup(DriverVariants.FIXED, true, devices);
        bench.close();
        return bench;
    }

    @Benchmark
    public Object loadYaml() {
        return ScenarioLoader.parse("jmh.yaml", yaml);
    }
}
