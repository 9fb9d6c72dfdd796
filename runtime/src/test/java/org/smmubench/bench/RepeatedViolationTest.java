package org.smmubench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.scenario.ScenarioLoader;

/**
 * Three first binds into three new CD leaves on pre-fix: three sleeping allocations under
 * devices_lock. The report keeps the first splat and counts and lists the other two.
 */
class RepeatedViolationTest {
    @Test
    void threeLeafAllocationsUnderTheSpinlockAreOneViolationSeenThreeTimes() {
        var s = ScenarioLoader.parse("three.yaml", """
                scenario: three leaves
                smmu: {cd-table: two-level, ssid-bits: 20}
                devices:
                  - {name: nic0, bus: pci, sid: 0x100}
                processes:
                  - {name: p1, pasid: 0x400}
                  - {name: p2, pasid: 0x800}
                  - {name: p3, pasid: 0xc00}
                steps:
                  - bind: {device: nic0, process: p1}
                  - bind: {device: nic0, process: p2}
                  - bind: {device: nic0, process: p3}
                """).get(0);
        RunResult r = ScenarioRunner.run(s, DriverVariants.PRE_FIX, false);
        List<RecordedViolation> sleeps = r.violations().stream().filter(v -> v.invariant().equals("atomic-sleep")).toList();
        assertEquals(1, sleeps.size(), r.violations().toString());
        RecordedViolation v = sleeps.get(0);
        assertEquals(1, v.step());
        assertEquals(3, v.count());
        assertEquals(List.of(new RecordedViolation.Repeat(2, "bind nic0 p2"), new RecordedViolation.Repeat(3, "bind nic0 p3")),
                v.repeats());
    }
}
