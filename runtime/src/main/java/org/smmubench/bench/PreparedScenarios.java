package org.smmubench.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.smmubench.check.Checking;
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

    /** One task per scenario x driver: each is a bench of its own. */
    @Override
    public List<Callable<List<RunResult>>> tasks(List<String> driverOverride, boolean trace, Checking checking) {
        List<Callable<List<RunResult>>> out = new ArrayList<>();
        for (Scenario s : scenarios)
            for (String d : drivers(s, driverOverride))
                out.add(() -> List.of(ScenarioRunner.run(s, BenchParts.of(d).withChecking(checking), trace)));
        return out;
    }

    /** The canonical driver ids one scenario runs on: --driver wins, then the file's, then the default. */
    public static List<String> drivers(Scenario s, List<String> driverOverride) {
        if (!driverOverride.isEmpty()) return driverOverride;
        if (!s.drivers().isEmpty()) return s.drivers();
        return List.of(DriverVariants.DEFAULT);
    }
}
