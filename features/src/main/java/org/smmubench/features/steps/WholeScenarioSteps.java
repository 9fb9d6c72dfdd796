package org.smmubench.features.steps;

import static org.smmubench.features.StepDoc.Section.WHOLE_SCENARIO;

import java.util.List;

import io.cucumber.docstring.DocString;
import io.cucumber.java.en.Given;

import org.smmubench.bench.BenchParts;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.ScenarioRunner;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.features.ExpectationFailed;
import org.smmubench.features.Render;
import org.smmubench.features.ScenarioWorld;
import org.smmubench.features.StepDoc;
import org.smmubench.features.YamlScenarios;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioException;
import org.smmubench.scenario.SourcePos;

/** A whole YAML scenario in a doc string: for suites that keep YAML and want Gherkin around it. */
public final class WholeScenarioSteps {
    private final ScenarioWorld world;

    public WholeScenarioSteps(ScenarioWorld world) { this.world = world; }

    @Given("the scenario:")
    @StepDoc(section = WHOLE_SCENARIO, example = """
            Given the scenario:
              \"\"\"yaml
              scenario: bind at PASID 1024
              devices: [{name: nic0, bus: pci, sid: 0x100}]
              processes: [{name: proc1, pasid: 1024}]
              steps:
                - bind: {device: nic0, process: proc1}
              expect:
                pre-fix: {violations: [atomic-sleep]}
                fixed: {violations: []}
              \"\"\"""",
            value = "Runs a whole YAML scenario (docs/format.md) on this Gherkin scenario's driver; the step"
                    + " fails unless it passes its own `expect:`. When neither a driver step nor `--driver`"
                    + " chose the driver, the YAML's `driver:` does (one driver only; use a Scenario Outline"
                    + " for several). Only Then steps about violations may follow.")
    public void scenario(DocString yaml) {
        if (world.started())
            throw new IllegalStateException("\"Given the scenario:\" holds a whole scenario; it cannot follow devices,"
                    + " processes or actions");
        SourcePos at = world.here();
        // The doc string's text starts two lines below the step (after the opening """).
        List<Scenario> scenarios;
        try {
            scenarios = YamlScenarios.parse(at.file(), at.line() + 2, 1, yaml.getContent());
        } catch (ScenarioException e) {
            throw new IllegalArgumentException("the YAML scenario is not valid:\n" + e.getMessage());
        }
        if (scenarios.size() != 1)
            throw new IllegalArgumentException("the doc string holds " + scenarios.size() + " YAML scenarios; give one");
        Scenario s = scenarios.get(0);
        RunResult r = ScenarioRunner.run(s, BenchParts.of(driverFor(s)).withChecking(world.checking()), world.tracing(),
                world.recordingWanted());
        world.wholeScenario(r);
        if (!r.passed())
            throw new ExpectationFailed(String.join(", ", r.expected()), String.join(", ", r.violated()),
                    "the YAML scenario \"" + s.name() + "\" failed on " + r.driver() + ": expected "
                            + r.expected() + ", violated " + r.violated()
                            + r.stepFailures().stream().map(f -> "; step " + f.step() + " (" + f.stepText() + "): " + f.message())
                                    .reduce("", String::concat)
                            + "\n" + Render.violations(r.violations()));
    }

    private String driverFor(Scenario s) {
        if (world.driverChosen() || s.drivers().isEmpty()) return world.driver();
        if (s.drivers().size() == 1) return s.drivers().get(0);
        throw new IllegalArgumentException("the YAML scenario names the drivers " + s.drivers() + ", but a Gherkin"
                + " scenario runs on one: add `Given the \"<driver>\" driver` and an Examples row per driver"
                + " (default without it: " + DriverVariants.DEFAULT + ")");
    }
}
