package org.smmubench.check;

import static org.smmubench.check.HwFlows.assertSome;
import static org.smmubench.check.HwFlows.fires;

import org.junit.jupiter.api.Test;
import org.smmubench.driver.tree.DriverVariants;

/** tlb-retire (I16): a dropped TLBI, a TLBI before the CD clear, a dropped ATC_INV are caught. */
class TlbRetireTest {
    static final String ID = TlbRetire.ID;
    static final String FLOW = """
            scenario: bind, dma, unbind
            devices: [{name: nic0, bus: pci, sid: 0x100}]
            processes: [{name: proc1, pasid: 0x400, asid: 7, mappings: [{va: 0x400000, size: 0x1000, prot: rw}]}]
            steps:
              - bind: {device: nic0, process: proc1}
              - dma: {device: nic0, process: proc1, va: 0x400000, access: write, expect: ok}
              - unbind: {device: nic0, process: proc1}
            """;

    @Test
    void droppedTlbiByAsidIsCaught() {
        for (String d : HwFlows.DRIVERS) {
            assertSome(fires(ID, FLOW, d, BrokenParts::dropTlbiAsid), "shared context of proc1 (ASID 7) left arm_smmu_asid_xa",
                    "without a TLBI by ASID 7 after the CD of nic0 (SID 0x100) PASID 0x400 was cleared", "found no TLBI");
        }
    }

    @Test
    void releaseBeforeTheCdClearIsCaught() {
        assertSome(fires(ID, FLOW, DriverVariants.FIXED, BrokenParts::putBeforeClear), "(ASID 7) left arm_smmu_asid_xa",
                "while the CD of nic0 (SID 0x100) PASID 0x400 still translates with it", "expected the CD cleared or quiesced first");
    }

    @Test
    void droppedAtcInvalidationOfAnAtsMasterIsCaught() {
        String ats = FLOW.replace("devices: [{name: nic0, bus: pci, sid: 0x100}]",
                "smmu: {ats: true}\ndevices: [{name: nic0, bus: pci, sid: 0x100, ats: true}]");
        for (String d : HwFlows.DRIVERS) {
            assertSome(fires(ID, ats, d, BrokenParts::dropAtcInv), "without invalidating the ATC of ATS master nic0 (SID 0x100) PASID 0x400",
                    "expected ATC_INV(PASID 0x400, whole range) + CMD_SYNC after the TLBI; found no ATC_INV for SID 0x100");
        }
    }

    @Test
    void silentOnCorrectFlows() {
        HwFlows.assertSilent(ID);
    }
}
