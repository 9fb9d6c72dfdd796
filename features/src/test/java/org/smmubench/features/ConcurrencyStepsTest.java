package org.smmubench.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smmubench.bench.RunResult;
import org.smmubench.bench.ScenarioRunner;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.scenario.InputError;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioException;
import org.smmubench.scenario.ScenarioLoader;

/**
 * Gherkin tasks ("in task N:" ... "the tasks run concurrently") explore the same interleavings
 * as the YAML {@code parallel:} step they stand for, and show the same failing one.
 */
class ConcurrencyStepsTest {
    private static final String TOPOLOGY = """
              Scenario: %s
                Given the "fixed" driver
                And a PCI device "nic0" with stream ID 0x100
                And a process "proc1" with PASID 1 and a mapping at 0x400000
                When "proc1" is bound to "nic0"
            """;

    private static final String YAML = """
            scenario: %s
            driver: [fixed]
            devices: [{name: nic0, bus: pci, sid: 0x100}]
            processes: [{name: proc1, pasid: 1, mappings: [{va: 0x400000, size: 0x1000, prot: rw}]}]
            steps:
              - bind: {device: nic0, process: proc1}
              - parallel:
                  - [%s]
                  - [%s]
            """;

    @TempDir
    Path dir;

    private List<RunResult> feature(String body) throws IOException {
        Path f = dir.resolve("tasks.feature");
        Files.writeString(f, "Feature: tasks\n" + body);
        try (FeatureFileRunner r = new FeatureFileRunner()) {
            return r.prepare(f).run(List.of(), false);
        }
    }

    private static RunResult yaml(String name, String task1, String task2) {
        Scenario s = ScenarioLoader.parse("t.yaml", YAML.formatted(name, task1, task2)).get(0);
        return ScenarioRunner.run(s, DriverVariants.FIXED, false);
    }

    @Test
    void aCleanRaceRunsAsManyInterleavingsAsItsYamlAndShowsNone() throws IOException {
        RunResult y = yaml("clean", "{unbind: {device: nic0, process: proc1}}", "{exit: {process: proc1}}");
        assertTrue(y.schedules() > 1, "schedules " + y.schedules());
        assertEquals(null, y.schedule());
        List<RunResult> rs = feature(TOPOLOGY.formatted("clean") + """
                    When in task 1:
                    And "proc1" is unbound from "nic0"
                    When in task 2:
                    And "proc1" exits
                    When the tasks run concurrently
                    Then %d interleavings were run
                    And the interleaving shown is "none failed"
                    And no invariant is violated
                """.formatted(y.schedules()));
        assertEquals("passed", rs.get(0).status(), rs.get(0).stepFailures().toString());
    }

    @Test
    void aRaceThatFailsShowsTheYamlsFailingInterleaving() throws IOException {
        RunResult y = yaml("race", "{dma: {device: nic0, process: proc1, va: 0x400000, access: write}}",
                "{unbind: {device: nic0, process: proc1}}");
        assertTrue(y.schedule() != null, "the YAML run finds a failing interleaving");
        List<RunResult> rs = feature(TOPOLOGY.formatted("race") + """
                    When in task 1:
                    And "nic0" does a DMA write at 0x400000 for "proc1"
                    When in task 2:
                    And "proc1" is unbound from "nic0"
                    When the tasks run concurrently
                    Then %d interleavings were run
                    And the interleaving shown is "%s"
                    And the violated invariants are:
                      | %s |
                """.formatted(y.schedules(), y.schedule(), String.join(" |\n      | ", y.violated())));
        assertEquals("passed", rs.get(0).status(), rs.get(0).stepFailures().toString());
    }

    @Test
    void aWrongCountFailsAndSaysWhatRan() throws IOException {
        List<RunResult> rs = feature(TOPOLOGY.formatted("count") + """
                    When in task 1:
                    And "proc1" is unbound from "nic0"
                    When in task 2:
                    And "proc1" exits
                    When the tasks run concurrently
                    Then 1 interleavings were run
                """);
        assertEquals(1, rs.get(0).stepFailures().size());
        assertTrue(rs.get(0).stepFailures().get(0).message().endsWith("interleavings were run, not 1"),
                rs.get(0).stepFailures().get(0).message());
    }

    /** Misused tasks are input errors, located at the step, found before anything runs (exit 2 from the CLI). */
    @Test
    void misusedTasksAreLocatedInputErrors() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> feature(TOPOLOGY.formatted("order") + """
                    When in task 2:
                    And "proc1" exits
                """ + TOPOLOGY.formatted("one task") + """
                    When in task 1:
                    And "proc1" exits
                    When the tasks run concurrently
                """ + TOPOLOGY.formatted("checked too early") + """
                    When in task 1:
                    And "nic0" does a DMA write at 0x400000 for "proc1"
                    Then the DMA succeeds
                """));
        List<String> errors = e.errors().stream().map(InputError::toString).toList();
        assertEquals(3, errors.size(), errors.toString());
        assertTrue(errors.get(0).endsWith("tasks.feature:7:5: tasks are numbered 1, 2, ... in order: expected task 1, found task 2"), errors.get(0));
        assertTrue(errors.get(1).contains(":16:5: concurrent steps need at least two tasks"), errors.get(1));
        assertTrue(errors.get(2).contains(":24:5: task 1 is being collected: its actions have not run"), errors.get(2));
    }

    @Test
    void tasksNeverRunFailTheScenario() throws IOException {
        List<RunResult> rs = feature(TOPOLOGY.formatted("never run") + """
                    When in task 1:
                    And "proc1" exits
                    When in task 2:
                    And "proc1" is unbound from "nic0"
                """);
        assertEquals("failed", rs.get(0).status());
        assertTrue(rs.get(0).stepFailures().toString().contains("was collected but never run"), rs.get(0).stepFailures().toString());
    }
}
