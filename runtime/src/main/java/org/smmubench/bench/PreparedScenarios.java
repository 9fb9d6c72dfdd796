package org.smmubench.bench;

import java.util.ArrayList;
import java.util.List;

import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.scenario.Scenario;

/**
 * Checked scenario records ready to run, each once per driver: what a YAML file and a Groovy
 * script both become (one semantics, two spellings).
 */
public final class PreparedScenarios implements ScenarioFileRunner.Prepared {
    private final List<Scenario> scenarios;

    public PreparedScenarios(List<Scenario> scenarios) {
        this.scenarios = List.copyOf(scenarios);
    }

    @Override
    public int count(List<String> driverOverride) {
        int n = 0;
        for (Scenario s : scenarios) n += drivers(s, driverOverride).size();
        return n;
    }

    @Override
    public List<RunResult> run(List<String> driverOverride, boolean trace, boolean record) {
        List<RunResult> out = new ArrayList<>();
        for (Scenario s : scenarios)
            for (String d : drivers(s, driverOverride)) out.add(ScenarioRunner.run(s, d, trace, record));
        return out;
    }

    /** The canonical driver ids one scenario runs on: --driver wins, then the file's, then the default. */
    public static List<String> drivers(Scenario s, List<String> driverOverride) {
        if (!driverOverride.isEmpty()) return driverOverride;
        if (!s.drivers().isEmpty()) return s.drivers();
        return List.of(DriverVariants.DEFAULT);
    }
}
