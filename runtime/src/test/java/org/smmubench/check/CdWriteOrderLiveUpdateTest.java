package org.smmubench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.smmubench.bench.Bench;
import org.smmubench.bench.BenchParts;
import org.smmubench.bench.RecordedViolation;
import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.CdCode;
import org.smmubench.hw.field.Cd;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Kernel;
import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.Step;

/**
 * cd-write-order on a base with the entry writer (v6.10): a live CD may be updated in place,
 * but at every CMD_SYNC of one arm_smmu_write_cd_entry call the SMMU must see the old or the new
 * configuration. A writer that changes TTB0 and the ASID in two synced stores exposes a torn
 * CD (new table, old ASID) and is caught; a one-qword (hitless) update is legal. On v6.8 the
 * decode check does not apply: its writer never updates a live CD in place, and its own rule
 * watches the store order instead.
 */
class CdWriteOrderLiveUpdateTest {
    static final String NIC = """
            scenario: one device
            devices: [{name: nic0, bus: pci, sid: 0x100}]
            processes: [{name: proc1, mappings: [{va: 0x400000, size: 0x1000, prot: rw}]}]
            steps:
              - dma: {device: nic0, process: proc1, va: 0x400000, access: read, expect: fault}
              - dma: {device: nic0, process: proc1, va: 0x400000, access: read, expect: fault}
            """;

    private static Bench bench(String driver) {
        Scenario s = Flows.parse("live", NIC);
        Bench b = new Bench(BenchParts.of(driver), s.smmu());
        for (DeviceSpec d : s.devices()) b.addDevice(d);
        for (ProcessSpec p : s.processes()) b.addProcess(p);
        return b;
    }

    /** Moves CD 0 of nic0 to another table and ASID in two synced stores, inside one writer call. */
    private static void tornUpdate(Bench b, boolean hitlessOrder) {
        World w = b.world();
        ArmSmmuMaster m = w.driver.smmu.streams.values().iterator().next().master();
        Kernel k = w.kernel;
        long cd = CdCode.peekCdPtr(m, 0);
        long d0 = w.mem.read64(cd), d1 = w.mem.read64(cd + 8);
        long newD1 = d1 + 0x1000;
        long newD0 = Cd.ASID.insert(d0, Cd.ASID.extract(d0) + 1);
        try (Frame f = k.enter("arm_smmu_write_cd_entry")) {
            if (hitlessOrder) {
                // Only the ASID qword is live-changed: a legal hitless update.
                w.mem.write64(cd, newD0);
                w.driver.cdCode.syncCd(m, 0, true);
            } else {
                w.mem.write64(cd + 8, newD1);
                w.driver.cdCode.syncCd(m, 0, true);
                w.mem.write64(cd, newD0);
                w.driver.cdCode.syncCd(m, 0, true);
            }
        }
    }

    private static List<String> run(String driver, boolean hitlessOrder) {
        Bench b = bench(driver);
        Scenario s = Flows.parse("live", NIC);
        List<Step> steps = s.steps();
        b.run(steps.get(0));
        tornUpdate(b, hitlessOrder);
        b.run(steps.get(1));
        return b.finish().stream().filter(v -> v.invariant().equals(CdWriteOrder.ID))
                .map(RecordedViolation::violation).map(v -> v.message()).toList();
    }

    @Test
    void aTornLiveUpdateIsCaughtOnV6_10() {
        List<String> m = run("v6.10", false);
        HwFlows.assertSome(m, "nic0 (SID 0x100) PASID 0x0", "at CMD_SYNC 1 of the update the SMMU decodes", "expected the old [",
                "the new [", "or invalid");
    }

    @Test
    void aHitlessLiveUpdateIsLegalOnV6_10() {
        assertEquals(List.of(), run("v6.10", true));
    }

    @Test
    void theV6_8RuleDoesNotApplyTheDecodeCheck() {
        List<String> m = run("v6.8", false);
        assertTrue(m.stream().noneMatch(s -> s.contains("of the update the SMMU decodes")), m.toString());
    }
}
