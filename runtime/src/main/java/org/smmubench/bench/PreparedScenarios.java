package org.smmubench.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.smmubench.scenario.Scenario;

/**
 * Checked scenario records ready to run, each once per tree: what a YAML file and a Groovy
 * script both become (one semantics, two spellings).
 */
public final class PreparedScenarios implements ScenarioFileRunner.Prepared {
    private final List<Scenario> scenarios;
    private final List<ScenarioInfo> infos;

    public PreparedScenarios(List<Scenario> scenarios) {
        this.scenarios = List.copyOf(scenarios);
        this.infos = this.scenarios.stream().map(s -> new ScenarioInfo(s.name(), s.tags(), s.drivers())).toList();
    }

    @Override
    public List<ScenarioInfo> scenarios() { return infos; }

    @Override
    public List<Callable<List<RunResult>>> tasks(DriverChoice drivers, List<Integer> selected, RunOptions options) {
        List<Callable<List<RunResult>>> out = new ArrayList<>();
        for (int i : selected) {
            Scenario s = scenarios.get(i);
            for (String d : drivers.treesFor(s.drivers()))
                out.add(() -> List.of(ScenarioRunner.run(s, BenchParts.of(d).withChecking(options.checking()),
                        options.trace(), options.record())));
        }
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

}
