package org.smmubench.dsl.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.SmmuOptions;
import org.smmubench.scenario.SourcePos;
import org.smmubench.scenario.Step;

/**
 * Records a script's statements as Scenario records. A file may hold several scenarios:
 * each {@code scenario} statement after the first starts the next one, and what came
 * before the first {@code scenario} (drivers, SMMU, devices, processes) is shared by all
 * of them, so a file can declare its rig once and reuse it.
 */
public final class ScriptRecorder implements Statements {
    private final String defaultName;
    private final SourcePos filePos;
    private final List<Scenario> done = new ArrayList<>();
    private ScenarioBuilder prelude = new ScenarioBuilder();
    private ScenarioBuilder current = prelude;
    private boolean started;

    /** {@code defaultName}: the scenario name when the script has no {@code scenario} statement. */
    public ScriptRecorder(String defaultName, SourcePos filePos) {
        this.defaultName = defaultName;
        this.filePos = filePos;
    }

    @Override
    public void scenario(String name, SourcePos pos) {
        if (!started) {
            if (prelude.hasStepsOrExpectations())
                throw new DslError("scenario: steps or expectations come before the first scenario statement;"
                        + " start the file with `scenario 'NAME'` or move them after it");
            started = true;
            current = prelude.copyTopology();
        } else {
            done.add(current.build(defaultName, filePos));
            current = prelude.copyTopology();
        }
        current.name(name, pos);
    }

    @Override public void description(String text) { current.description(text); }

    @Override public void drivers(List<String> ids) { current.drivers(ids); }

    @Override public void tags(List<String> tags) { current.tags(tags); }

    @Override public SmmuOptions smmu() { return current.smmu(); }

    @Override public void smmu(SmmuOptions options) { current.smmu(options); }

    @Override public void device(DeviceSpec device) { current.device(device); }

    @Override public void process(ProcessSpec process) { current.process(process); }

    @Override public void step(Step step) { current.step(step); }

    @Override public void expect(List<String> driverIds, Set<String> invariants) { current.expect(driverIds, invariants); }

    /** True when the script declared nothing at all (an empty or comment-only file). */
    public boolean empty() {
        return !started && !prelude.hasStepsOrExpectations() && prelude.devices().isEmpty() && prelude.processes().isEmpty();
    }

    /** Every scenario the script declared, in order. */
    public List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>(done);
        all.add(current.build(defaultName, filePos));
        return all;
    }
}
