package org.smmubench.dsl.script;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.smmubench.bench.RunResult;
import org.smmubench.bench.ScenarioFileRunner;
import org.smmubench.bench.ScenarioRunner;
import org.smmubench.driver.sva.DriverVariants;
import org.smmubench.scenario.Scenario;

/**
 * {@code smmu-bench run x.groovy}: builds the script's scenarios (checking them before
 * anything runs) and runs each once per driver through the shared ScenarioRunner.
 * Found by the CLI through META-INF/services.
 */
public final class GroovyFileRunner implements ScenarioFileRunner {
    @Override
    public List<String> extensions() { return List.of("groovy"); }

    @Override
    public Prepared prepare(Path file) {
        List<Scenario> scenarios = GroovyScenarioLoader.load(file);
        return new Prepared() {
            @Override
            public int count(List<String> driverOverride) {
                return scenarios.stream().mapToInt(s -> drivers(s, driverOverride).size()).sum();
            }

            @Override
            public List<RunResult> run(List<String> driverOverride, boolean trace) {
                List<RunResult> out = new ArrayList<>();
                for (Scenario s : scenarios)
                    for (String d : drivers(s, driverOverride)) out.add(ScenarioRunner.run(s, d, trace));
                return out;
            }
        };
    }

    static List<String> drivers(Scenario s, List<String> driverOverride) {
        if (!driverOverride.isEmpty()) return driverOverride;
        if (!s.drivers().isEmpty()) return s.drivers();
        return List.of(DriverVariants.DEFAULT);
    }
}
