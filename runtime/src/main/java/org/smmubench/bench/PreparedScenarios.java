package org.smmubench.bench;

import java.util.ArrayList;
import java.util.List;

import org.smmubench.driver.sva.DriverVariants;
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
    public List<RunResult> run(List<String> driverOverride, boolean trace) {
        List<RunResult> out = new ArrayList<>();
        for (Scenario s : scenarios)
            for (String d : drivers(s, driverOverride)) out.add(ScenarioRunner.run(s, d, trace));
        return out;
    }

    /** A scenario without steps only probes its topology; say so, at the scenario, in case steps were forgotten. */
    @Override
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        for (Scenario s : scenarios)
            if (s.steps().isEmpty())
                out.add(s.pos() + ": warning: scenario '" + s.name() + "' has no steps; only its topology is probed and checked");
        return out;
    }

    /** The canonical driver ids one scenario runs on: --driver wins, then the file's, then the default. */
    public static List<String> drivers(Scenario s, List<String> driverOverride) {
        if (!driverOverride.isEmpty()) return driverOverride;
        if (!s.drivers().isEmpty()) return s.drivers();
        return List.of(DriverVariants.DEFAULT);
    }
}
