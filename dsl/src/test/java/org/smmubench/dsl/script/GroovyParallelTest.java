package org.smmubench.dsl.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.ScenarioRunner;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioException;
import org.smmubench.scenario.Step;

/** {@code parallel { ... } { ... }}: each block a branch, as YAML's {@code parallel:} list. */
class GroovyParallelTest {
    private static final String SCRIPT = """
            scenario 'unbind races exit'
            driver 'pre-fix', 'fixed'
            pci 'nic0', sid: 0x100
            process 'proc1', pasid: 1, mappings: [[va: 0x400000, size: 0x1000, prot: 'rw']]
            bind 'nic0', 'proc1'
            parallel { unbind 'nic0', 'proc1' } { exit 'proc1' }
            expect violations: []
            """;

    @Test
    void eachBlockIsABranchAndRunExploresTheirInterleavings() {
        Scenario s = GroovyScenarioLoader.load(SCRIPT, "race.groovy").get(0);
        Step.Parallel p = (Step.Parallel) s.steps().get(1);
        assertEquals(2, p.branches().size());
        assertEquals("unbind nic0 proc1", p.branches().get(0).get(0).text());
        assertEquals("exit proc1", p.branches().get(1).get(0).text());
        RunResult r = ScenarioRunner.run(s, DriverVariants.FIXED, false);
        assertTrue(r.passed(), r.toString());
        assertTrue(r.schedules() > 2, "interleavings run: " + r.schedules());
    }

    @Test
    void theWriterSpellsItBackTheSameWay() {
        Scenario s = GroovyScenarioLoader.load(SCRIPT, "race.groovy").get(0);
        String text = GroovyScenarioWriter.step(s.steps().get(1));
        assertEquals("parallel { unbind 'nic0', 'proc1' } { exit 'proc1' }", text);
    }

    @Test
    void misuseIsReportedWithTheScriptLine() {
        ScenarioException one = assertThrows(ScenarioException.class, () -> GroovyScenarioLoader.load(
                SCRIPT.replace("parallel { unbind 'nic0', 'proc1' } { exit 'proc1' }", "parallel { exit 'proc1' }"), "t.groovy"));
        assertTrue(one.errors().toString().contains("at least two branches"), one.errors().toString());
        ScenarioException nested = assertThrows(ScenarioException.class, () -> GroovyScenarioLoader.load(
                SCRIPT.replace("{ exit 'proc1' }", "{ parallel { exit 'proc1' } { exit 'proc1' } }"), "t.groovy"));
        assertTrue(nested.errors().toString().contains("cannot nest"), nested.errors().toString());
        ScenarioException unknown = assertThrows(ScenarioException.class, () -> GroovyScenarioLoader.load(
                SCRIPT.replace("{ exit 'proc1' }", "{ exit 'proc9' }"), "t.groovy"));
        assertTrue(unknown.errors().toString().contains("proc9"), unknown.errors().toString());
        assertTrue(unknown.errors().get(0).toString().startsWith("t.groovy:6"), unknown.errors().toString());
    }

    @Test
    void theReplListsTheStatement() {
        assertTrue(Verbs.names().contains("parallel"));
        assertEquals(List.of(), Verbs.find("parallel").orElseThrow().positional());
    }
}
