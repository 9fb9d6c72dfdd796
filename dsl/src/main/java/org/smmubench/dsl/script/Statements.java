package org.smmubench.dsl.script;

import java.util.List;
import java.util.Set;

import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.SmmuOptions;
import org.smmubench.scenario.SourcePos;
import org.smmubench.scenario.Step;

/**
 * Where checked statements go. A script records them into Scenario records
 * ({@link ScriptRecorder}); the REPL runs each one at once on a live bench. Both receive
 * the same records, so a statement means the same thing in a file and at the prompt.
 * Implementations throw {@link DslError} for statements that do not fit the state so far.
 */
public interface Statements {
    void scenario(String name, SourcePos pos);

    void description(String text);

    /** Canonical driver ids. */
    void drivers(List<String> driverIds);

    /** Tags for {@code run --tags}, each with its leading {@code @}. */
    void tags(List<String> tags);

    /** The options so far, for {@code smmu} statements that change only some keys. */
    SmmuOptions smmu();

    void smmu(SmmuOptions options);

    void device(DeviceSpec device);

    void process(ProcessSpec process);

    void step(Step step);

    /** {@code driverIds} canonical; empty means "every driver". */
    void expect(List<String> driverIds, Set<String> invariants);
}
