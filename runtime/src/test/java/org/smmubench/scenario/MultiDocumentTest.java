package org.smmubench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.smmubench.driver.tree.DriverVariants;

/** A file may hold several YAML documents, one scenario each (interface.md §3). */
class MultiDocumentTest {
    @Test
    void eachDocumentIsOneScenarioPositionedAtItsStart() {
        List<Scenario> all = Loading.resource("multi-document.yaml");
        assertEquals(2, all.size());   // the empty document after the last --- is no scenario
        assertEquals("bind then unbind", all.get(0).name());
        assertEquals(new SourcePos("scenarios/multi-document.yaml", 1, 1), all.get(0).pos());
        assertEquals("exit while bound", all.get(1).name());
        assertEquals(new SourcePos("scenarios/multi-document.yaml", 10, 1), all.get(1).pos());
        assertEquals(new SourcePos("scenarios/multi-document.yaml", 18, 5), all.get(1).steps().get(0).pos());
        assertEquals(DriverVariants.expand(List.of("all")), all.get(1).drivers());
        assertEquals(Set.of("atomic-sleep"), all.get(1).expect().forDriver(DriverVariants.PRE_FIX));
    }

    @Test
    void errorsInSeveralDocumentsAreAllReported() {
        List<String> errors = Loading.errors("""
                scenario: one
                colour: red
                ---
                scenario: two
                steps:
                  - exit: {process: ghost}
                """);
        assertEquals(2, errors.size(), String.join("\n", errors));
        assertTrue(errors.get(0).startsWith("t.yaml:2:1: unknown key 'colour'"), errors.get(0));
        assertTrue(errors.get(1).startsWith("t.yaml:6:21: unknown process 'ghost'"), errors.get(1));
    }

    @Test
    void twoScenariosWithOneNameInAFileAreAnError() {
        Loading.assertError("scenario: same\n---\nscenario: same\n", "3:11", "duplicate scenario name 'same' (first at line 1)");
    }

    @Test
    void aFileWithoutAnyDocumentIsAnError() {
        Loading.assertError("# nothing here\n", "1:1", "no scenario in this file");
    }
}
