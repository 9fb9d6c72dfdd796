package org.smmubench.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.smmubench.driver.sva.DriverVariants;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioLoader;

/**
 * Runs YAML scenario files (interface.md §3): every scenario in the file once per driver,
 * the {@code --driver} override winning over the scenario's own {@code driver:} list.
 * Registered in META-INF/services so the CLI finds it by extension.
 */
public final class YamlFileRunner implements ScenarioFileRunner {
    @Override
    public List<String> extensions() {
        return List.of("yaml", "yml");
    }

    @Override
    public Prepared prepare(Path file) {
        // Loading is the whole check: ScenarioException carries every located error.
        List<Scenario> scenarios = ScenarioLoader.load(file);
        return new Prepared() {
            @Override
            public int count(List<String> driverOverride) {
                int n = 0;
                for (Scenario s : scenarios) n += drivers(s, driverOverride).size();
                return n;
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

    /** The canonical driver ids one scenario runs on. */
    static List<String> drivers(Scenario s, List<String> driverOverride) {
        if (!driverOverride.isEmpty()) return driverOverride;
        if (!s.drivers().isEmpty()) return s.drivers();
        return List.of(DriverVariants.DEFAULT);
    }
}
