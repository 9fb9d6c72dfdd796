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

import org.smmubench.bench.ScenarioFileRunner;
import org.smmubench.scenario.InputError;
import org.smmubench.scenario.ScenarioException;

/** Bad feature files are input errors at FILE:LINE:COLUMN, found before anything runs. */
class FeatureCheckTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path f = dir.resolve("x.feature");
        Files.writeString(f, text);
        return f;
    }

    private List<InputError> errors(String text) throws IOException {
        Path f = write(text);
        return assertThrows(ScenarioException.class, () -> new FeatureFileRunner().prepare(f)).errors();
    }

    @Test
    void gherkinSyntaxErrorsAreLocated() throws IOException {
        List<InputError> e = errors("Feature: f\n  Scenario: s\n    Given a process \"p\"\n  nonsense here\n");
        assertEquals(1, e.size());
        assertEquals(4, e.get(0).pos().line());
        assertEquals(3, e.get(0).pos().column());
        assertTrue(e.get(0).pos().file().endsWith("x.feature"));
    }

    @Test
    void anUndefinedStepNamesTheClosestPhrasings() throws IOException {
        List<InputError> e = errors("""
                Feature: f
                  Scenario: s
                    Given a PCI device "nic0" with stream ID 0x100
                    And a process "proc1"
                    When "proc1" is bond to "nic0"
                """);
        assertEquals(1, e.size(), e.toString());
        InputError u = e.get(0);
        assertEquals(5, u.pos().line());
        assertEquals(5, u.pos().column());
        assertTrue(u.message().startsWith("undefined step \"When \"proc1\" is bond to \"nic0\"\""), u.message());
        String firstHint = u.message().lines().skip(1).findFirst().orElseThrow().strip();
        assertEquals("When {process} is bound to {device}", firstHint);
    }

    @Test
    void unknownNamesAreInputErrorsAtTheArgument() throws IOException {
        List<InputError> e = errors("""
                Feature: f
                  Scenario: s
                    Given the "pre-fx" driver
                    And a PCI device "nic0" with stream ID 0x100
                    When "proc1" is bound to "nic0"
                    And the next "kzalloc.bnd" fails
                    Then the invariant "atomic-sleeep" is violated
                """);
        assertEquals(4, e.size(), e.toString());
        assertEquals("x.feature:3:15", e.get(0).pos().toString().substring(e.get(0).pos().toString().lastIndexOf("x.feature")));
        assertTrue(e.get(0).message().contains("did you mean \"pre-fix\""), e.get(0).message());
        assertTrue(e.get(1).message().startsWith("unknown process \"proc1\""), e.get(1).message());
        assertEquals(10, e.get(1).pos().column());
        assertTrue(e.get(2).message().contains("did you mean \"kzalloc.bond\""), e.get(2).message());
        assertTrue(e.get(3).message().contains("did you mean \"atomic-sleep\""), e.get(3).message());
    }

    @Test
    void tablesDeclareNamesAndOutlinesCountEveryRow() throws IOException {
        Path f = write("""
                Feature: f
                  Scenario Outline: s
                    Given the "<driver>" driver
                    And the devices:
                      | name | sid   |
                      | nic0 | 0x100 |
                    And the processes:
                      | name  | pasid |
                      | proc1 | 1024  |
                    When "proc1" is bound to "nic0"
                    Examples:
                      | driver  |
                      | pre-fix |
                      | fixed   |
                """);
        ScenarioFileRunner.Prepared p = new FeatureFileRunner().prepare(f);
        assertEquals(2, p.count(List.of()));
        assertEquals(4, p.count(List.of("v6.8-pre-fix", "v6.8-fixed")));
    }

    @Test
    void theRunnerIsRegisteredForFeatureFiles() {
        boolean found = false;
        for (ScenarioFileRunner r : java.util.ServiceLoader.load(ScenarioFileRunner.class))
            found |= r.extensions().contains("feature");
        assertTrue(found);
    }

    @Test
    void everyUndefinedStepOfAScenarioIsReportedWithoutEchoes() throws IOException {
        List<InputError> e = errors("""
                Feature: f
                  Scenario: s
                    Given a PCI device "nic0" with stream ID 0x100
                    And a proces "proc1"
                    When "proc1" is bond to "nic0"
                    And "proc1" is bound to "nic0"
                    Then nothing happens
                """);
        assertEquals(List.of(4, 5, 7), e.stream().map(x -> x.pos().line()).toList(), e.toString());
        for (InputError x : e) assertTrue(x.message().startsWith("undefined step"), x.message());
    }
}
