package org.smmubench.features;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The phrasings documented in features/STEPS.md are a contract: users' feature files use them word for word.
 * Each one must match a step of the library (the pre-run check fails on an undefined step).
 */
class InterfacePhrasingsTest {
    @TempDir
    Path dir;

    @Test
    void everyPhrasingOfTheInterfaceIsDefined() throws IOException {
        Path f = dir.resolve("interface.feature");
        Files.writeString(f, """
                Feature: the documented phrasings, verbatim
                  Scenario: configuration and topology
                    Given the "pre-fix" driver
                    Given an SMMUv3 with a two-level CD table
                    Given an SMMUv3 with a linear CD table
                    Given an SMMUv3 with:
                      | cd-table  | two-level |
                      | ssid-bits | 20        |
                    Given a PCI device "nic0" with stream ID 0x100
                    Given a platform device "dsp0" with stream ID 0x10 in group "dsp"
                    Given a process "proc1"
                    Given a process "proc2" with PASID 1024
                    Given a process "proc3" with PASID 1025 and a mapping at 0x400000
                    When "proc1" is bound to "nic0"
                    When binding "proc1" to "nic0" fails with ENOMEM
                    When "proc1" is unbound from "nic0"
                    When "nic0" does a DMA write at 0x400000 for "proc1"
                    When "nic0" does a DMA read at 0x400000 for "proc1"
                    When "proc1" exits
                    When the next "kzalloc.bond" fails
                    Then no invariant is violated
                    Then the invariant "atomic-sleep" is violated
                    Then "atomic-sleep" was raised in "arm_smmu_alloc_cd_leaf_table" called from "arm_smmu_mmu_notifier_get"
                    Then the DMA succeeds
                    Then the DMA faults
                    Then the CD for "proc1" on "nic0" is valid
                    Then the CD for "proc1" on "nic0" is invalid

                  Scenario: a whole YAML scenario
                    Given the scenario:
                      \"""
                      scenario: s
                      devices: [{name: nic0, bus: pci, sid: 0x100}]
                      processes: [{name: proc1}]
                      steps: [{bind: {device: nic0, process: proc1}}]
                      \"""
                """);
        assertDoesNotThrow(() -> new FeatureFileRunner().prepare(f));
    }
}
