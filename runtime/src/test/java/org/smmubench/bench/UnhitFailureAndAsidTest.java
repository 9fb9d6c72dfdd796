package org.smmubench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.scenario.ScenarioException;
import org.smmubench.scenario.ScenarioLoader;

/** Hints where the result alone left a new user guessing. */
class UnhitFailureAndAsidTest {
    @Test
    void aStepThatDidNotFailNamesTheArmedSiteNothingHit() {
        var s = ScenarioLoader.parse("f.yaml", """
                scenario: the notifier is not allocated on this path
                devices: [{name: nic0, bus: pci, sid: 0x100}]
                processes: [{name: p}]
                steps:
                  - fail: {site: dma_alloc.cd_leaf, device: nic0}
                  - bind: {device: nic0, process: p, expect: ENOMEM}
                """).get(0);
        RunResult r = ScenarioRunner.run(s, DriverVariants.FIXED, false);
        assertEquals(1, r.stepFailures().size());
        String m = r.stepFailures().get(0).message();
        assertTrue(m.contains("expected ENOMEM, got ok"), m);
        assertTrue(m.contains("; armed and not hit yet: 'dma_alloc.cd_leaf' for nic0 (this step's path did not reach that site"
                + " on that device's behalf)"), m);
    }

    @Test
    void anAsidWiderThanTheSmmusIsAnInputError() {
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("a.yaml", """
                scenario: s
                smmu: {asid-bits: 8}
                processes: [{name: p, asid: 300}]
                """));
        assertEquals(1, e.errors().size());
        assertEquals(3, e.errors().get(0).pos().line());
        assertTrue(e.errors().get(0).message().startsWith("asid 300 does not fit the SMMU's 8-bit ASIDs (smmu asid-bits: 8)"),
                e.errors().get(0).message());
    }
}
