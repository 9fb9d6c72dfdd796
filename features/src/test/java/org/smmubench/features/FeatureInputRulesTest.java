package org.smmubench.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smmubench.scenario.ScenarioException;

/** Bad input in a feature is exit 2 at its step, found while preparing (before any result), like YAML's. */
class FeatureInputRulesTest {
    @TempDir
    Path dir;

    private String error(String text) throws IOException {
        Path f = Files.writeString(dir.resolve("x.feature"), text);
        List<?> e = assertThrows(ScenarioException.class, () -> new FeatureFileRunner().prepare(f)).errors();
        return e.get(0).toString().replace(f.toString(), "x.feature");
    }

    @Test
    void anEmptyFileAFeatureWithoutScenariosAndAScenarioWithoutSteps() throws IOException {
        assertEquals("x.feature:1:1: no 'Feature:' in this file: there is nothing to run", error(""));
        assertEquals("x.feature:1:1: feature 'f' has no scenarios: there is nothing to run", error("Feature: f\n"));
        assertEquals("x.feature:2:3: scenario 's' has no steps: there is nothing to run", error("Feature: f\n  Scenario: s\n"));
    }

    @Test
    void anOutlineWithoutExampleRowsIsAnError() throws IOException {
        assertEquals("x.feature:1:1: no scenario to run: every scenario is an outline whose Examples have no rows", error("""
                Feature: f
                  Scenario: s
                    Given a PCI device "nic0" with stream ID 0x100
                Examples:
                """));
    }

    @Test
    void theSharedRulesRefuseBeforeAnythingRuns() throws IOException {
        assertEquals("x.feature:4:5: stream ID 0x100 of 'nic1' is already used by device 'nic0'", error("""
                Feature: f
                  Scenario: s
                    Given a PCI device "nic0" with stream ID 0x100
                    And a PCI device "nic1" with stream ID 0x100
                    Then no invariant is violated
                """));
        assertEquals("x.feature:3:5: pasid must be between 0x1 and 0xfffff (PASID 0 is the device's own RID traffic), found 0x0", error("""
                Feature: f
                  Scenario: s
                    Given a process "p" with PASID 0
                """));
        assertEquals("x.feature:4:5: the SMMU must be configured before the first device, process or action (the bench is already running)", error("""
                Feature: f
                  Scenario: s
                    Given a PCI device "nic0" with stream ID 0x100
                    Given an SMMUv3 with a linear CD table
                """));
    }

    @Test
    void aMisspelledOrdinalIsRefused() throws IOException {
        assertEquals("x.feature:4:14: '2st' is not an ordinal; did you mean 2nd?", error("""
                Feature: f
                  Scenario: s
                    Given a PCI device "nic0" with stream ID 0x100
                    When the 2st hit of "kzalloc.bond" fails
                """));
    }
}
