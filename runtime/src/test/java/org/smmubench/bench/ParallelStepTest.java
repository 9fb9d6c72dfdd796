package org.smmubench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.kernel.sched.Schedule;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioException;
import org.smmubench.scenario.ScenarioLoader;
import org.smmubench.scenario.ScenarioWriter;
import org.smmubench.scenario.Step;

/** A {@code parallel:} step runs every interleaving within the bound and reports how many. */
class ParallelStepTest {
    private static final String TOPOLOGY = """
            scenario: race
            driver: [pre-fix, fixed]
            devices:
              - {name: nic0, bus: pci, sid: 0x100}
            processes:
              - name: proc1
                pasid: 1
                mappings:
                  - {va: 0x400000, size: 0x1000, prot: rw}
            """;

    private static Scenario load(String yaml) {
        return ScenarioLoader.parse("race.yaml", yaml).get(0);
    }

    @Test
    void unbindRacingExitRunsEveryInterleavingAndPassesOnBothTrees() {
        Scenario s = load(TOPOLOGY + """
                steps:
                  - bind: {device: nic0, process: proc1}
                  - parallel:
                      - [{unbind: {device: nic0, process: proc1}}]
                      - [{exit: {process: proc1}}]
                expect: {violations: []}
                """);
        for (String d : List.of(DriverVariants.PRE_FIX, DriverVariants.FIXED)) {
            RunResult r = ScenarioRunner.run(s, d, false);
            assertTrue(r.passed(), d + ": " + r);
            assertTrue(r.schedules() > 2, d + " ran only " + r.schedules() + " interleavings");
            assertNull(r.schedule());
            assertEquals(r.schedules(), ScenarioRunner.run(s, d, false).schedules(), "the count is deterministic");
        }
    }

    @Test
    void anInterleavingThatBreaksAStepsExpectFailsTheRunAndIsPrintedAsASchedule() {
        // The DMA expects the bond to be there; in the interleavings where the unbind wins it is not.
        Scenario s = load(TOPOLOGY + """
                steps:
                  - bind: {device: nic0, process: proc1}
                  - parallel:
                      - [{dma: {device: nic0, process: proc1, va: 0x400000, access: write, expect: ok}}]
                      - [{unbind: {device: nic0, process: proc1}}]
                expect: {violations: []}
                """);
        RunResult r = ScenarioRunner.run(s, DriverVariants.FIXED, false);
        assertFalse(r.passed());
        assertNotNull(r.schedule());
        assertTrue(r.schedule().startsWith("t2:"), r.schedule());
        assertEquals(r.schedule(), Schedule.parse(r.schedule()).toString());
        assertTrue(r.stepFailures().get(0).message().contains("expected ok"), r.stepFailures().toString());
    }

    private static final String DMA_VS_UNBIND = TOPOLOGY + """
            steps:
              - bind: {device: nic0, process: proc1}
              - parallel:
                  - [{dma: {device: nic0, process: proc1, va: 0x400000, access: write, expect: ok}}]
                  - [{unbind: {device: nic0, process: proc1}}]
            """;

    @Test
    void aPinnedScheduleRunsExactlyThatInterleaving() {
        RunResult bad = ScenarioRunner.run(load(DMA_VS_UNBIND + "schedule: \"t2:* t1:*\"\n"), DriverVariants.FIXED, false);
        assertFalse(bad.passed());
        assertEquals(1, bad.schedules());
        assertEquals("t2:* t1:*", bad.schedule());
        RunResult good = ScenarioRunner.run(load(DMA_VS_UNBIND + "schedule: \"t1:* t2:*\"\n"), DriverVariants.FIXED, false);
        assertTrue(good.passed(), good.toString());
        assertEquals(1, good.schedules());
    }

    @Test
    void aScheduleNeedsAParallelStepWithThatManyBranches() {
        ScenarioException none = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                () -> load(TOPOLOGY + "steps:\n  - exit: {process: proc1}\nschedule: \"t1:*\"\n"));
        assertTrue(none.errors().toString().contains("this scenario has none"), none.errors().toString());
        ScenarioException three = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                () -> load(DMA_VS_UNBIND + "schedule: \"t3:* t1:*\"\n"));
        assertTrue(three.errors().toString().contains("has 2 branches"), three.errors().toString());
        ScenarioException syntax = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                () -> load(DMA_VS_UNBIND + "schedule: \"t1 then t2\"\n"));
        assertTrue(syntax.errors().get(0).toString().startsWith("race.yaml:"), syntax.errors().toString());
    }

    @Test
    void aPinnedScheduleSurvivesAWriteAndLoad() {
        Scenario s = load(DMA_VS_UNBIND + "schedule: \"t2:1 t1:* t2:*\"\n");
        String yaml = ScenarioWriter.write(s);
        assertTrue(yaml.contains("schedule: \"t2:1 t1:* t2:*\""), yaml);
        assertEquals(yaml, ScenarioWriter.write(ScenarioLoader.parse("again.yaml", yaml).get(0)));
    }

    @Test
    void parallelStepsSurviveAWriteAndLoad() {
        Scenario s = load(TOPOLOGY + """
                steps:
                  - parallel:
                      - [{bind: {device: nic0, process: proc1}}, {unbind: {device: nic0, process: proc1}}]
                      - [{exit: {process: proc1}}]
                """);
        Step.Parallel p = (Step.Parallel) s.steps().get(0);
        assertEquals(2, p.branches().size());
        assertEquals(2, p.branches().get(0).size());
        String yaml = ScenarioWriter.write(s);
        assertEquals(yaml, ScenarioWriter.write(ScenarioLoader.parse("again.yaml", yaml).get(0)));
        assertEquals("parallel [bind nic0 proc1; unbind nic0 proc1 | exit proc1]", p.text());
    }

    @Test
    void nestingAndASecondParallelStepAreInputErrors() {
        ScenarioException nested = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class, () -> load(TOPOLOGY + """
                steps:
                  - parallel:
                      - [{parallel: [[{exit: {process: proc1}}], [{exit: {process: proc1}}]]}]
                      - [{exit: {process: proc1}}]
                """));
        assertTrue(nested.errors().toString().contains("parallel steps cannot nest"), nested.errors().toString());
        ScenarioException two = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class, () -> load(TOPOLOGY + """
                steps:
                  - parallel: [[{exit: {process: proc1}}], [{exit: {process: proc1}}]]
                  - parallel: [[{exit: {process: proc1}}], [{exit: {process: proc1}}]]
                """));
        assertTrue(two.errors().toString().contains("only one parallel step per scenario"), two.errors().toString());
    }
}
