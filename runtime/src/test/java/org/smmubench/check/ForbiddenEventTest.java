package org.smmubench.check;

import static org.smmubench.check.HwFlows.assertSome;
import static org.smmubench.check.HwFlows.fires;

import org.junit.jupiter.api.Test;
import org.smmubench.driver.tree.DriverVariants;

/** forbidden-event (HW I10): an illegal command, a bad CD for a bound PASID, a fault on a mapped page. */
class ForbiddenEventTest {
    static final String ID = ForbiddenEvent.ID;
    static final String FLOW = """
            scenario: events
            devices: [{name: nic0, bus: pci, sid: 0x100}]
            processes: [{name: proc1, pasid: 0x400, mappings: [{va: 0x400000, size: 0x1000, prot: rw}]}]
            steps:
              - bind: {device: nic0, process: proc1}
              - dma: {device: nic0, process: proc1, va: 0x400000, access: write}
              - unbind: {device: nic0, process: proc1}
            """;

    @Test
    void illegalCommandRaisesGerror() {
        assertSome(fires(ID, FLOW, DriverVariants.FIXED, BrokenParts::illegalTlbi),
                "command queue error CERROR_ILL on TLBI_EL2_ASID", "GERROR.CMDQ_ERR raised");
    }

    @Test
    void badCdForABoundPasidIsCaught() {
        for (String d : HwFlows.DRIVERS) {
            assertSome(fires(ID, FLOW, d, BrokenParts::badT0sz), "C_BAD_CD for nic0 (SID 0x100) PASID 0x400 write at 0x400000",
                    "PASID 0x400 is bound to proc1, so its CD must be valid");
        }
    }

    @Test
    void translationFaultOnAMappedPageIsCaught() {
        assertSome(fires(ID, FLOW, DriverVariants.FIXED, BrokenParts::wrongTtb), "F_TRANSLATION for nic0 (SID 0x100) PASID 0x400 write at 0x400000",
                "0x400000 is mapped in proc1 (pa 0x", "expected a translation, found F_TRANSLATION");
    }

    @Test
    void silentOnCorrectFlows() {
        HwFlows.assertSilent(ID);
    }
}
