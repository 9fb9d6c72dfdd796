package org.smmubench.check;

import static org.smmubench.check.HwFlows.assertSome;
import static org.smmubench.check.HwFlows.fires;

import java.util.List;

import org.junit.jupiter.api.Test;

/** stale-tlb (HW I3, I4): an unmap that never reaches the SMMU, and an ATC_INV dropped for an ATS device. */
class StaleTlbTest {
    static final String ID = StaleTlb.ID;
    static final String FLOW = """
            scenario: stale TLB
            devices: [{name: nic0, bus: pci, sid: 0x100}]
            processes: [{name: proc1, pasid: 0x400, asid: 7, mappings: [{va: 0x400000, size: 0x1000, prot: rw}]}]
            steps:
              - bind: {device: nic0, process: proc1}
              - dma: {device: nic0, process: proc1, va: 0x400000, access: write, expect: ok}
              - unmap: {process: proc1, va: 0x400000, size: 0x1000}
              - dma: {device: nic0, process: proc1, va: 0x400000, access: read}
            """;

    @Test
    void skippedSecondaryTlbInvalidationLeavesAStaleTlbEntry() {
        for (String d : HwFlows.DRIVERS) {
            List<String> m = fires(ID, FLOW, d, BrokenParts::skipSecondaryTlbs);
            assertSome(m, "TLB entry (ASID 7, va 0x400000 -> pa 0x", "is stale when the step ends: 0x400000 is unmapped in proc1: expected no entry");
            assertSome(m, "nic0 (SID 0x100) PASID 0x400: DMA read at 0x400000 got pa 0x", "from a stale TLB entry (ASID 7");
        }
    }

    @Test
    void droppedAtcInvalidationLeavesAStaleAtcEntry() {
        String ats = FLOW.replace("devices: [{name: nic0, bus: pci, sid: 0x100}]",
                "smmu: {ats: true}\ndevices: [{name: nic0, bus: pci, sid: 0x100, ats: true}]");
        for (String d : HwFlows.DRIVERS) {
            List<String> m = fires(ID, ats, d, BrokenParts::dropAtcInv);
            assertSome(m, "ATC entry of nic0 (SID 0x100) (PASID 0x400, va 0x400000 -> pa 0x", "is stale when the step ends",
                    "unmapped in proc1");
            assertSome(m, "DMA read at 0x400000 got pa 0x", "from a stale ATC entry (PASID 0x400");
        }
    }

    @Test
    void silentOnCorrectFlows() {
        HwFlows.assertSilent(ID);
    }
}
