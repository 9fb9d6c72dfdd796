package org.smmubench.check;

import static org.smmubench.check.HwFlows.assertSome;
import static org.smmubench.check.HwFlows.fires;

import org.junit.jupiter.api.Test;
import org.smmubench.driver.tree.DriverVariants;

/** dma-after-unbind (HW I11): a CD left valid by unbind, and an mm_release that does nothing. */
class DmaAfterUnbindTest {
    static final String ID = DmaAfterUnbind.ID;
    static final String HEAD = """
            scenario: after unbind
            devices: [{name: nic0, bus: pci, sid: 0x100}]
            processes: [{name: proc1, pasid: 0x400, mappings: [{va: 0x400000, size: 0x1000, prot: rw}]}]
            steps:
              - bind: {device: nic0, process: proc1}
              - dma: {device: nic0, process: proc1, va: 0x400000, access: write, expect: ok}
            """;
    static final String UNBIND = HEAD + """
              - unbind: {device: nic0, process: proc1}
              - dma: {device: nic0, process: proc1, va: 0x400000, access: write}
            """;

    @Test
    void fixedUnbindThatKeepsTheCdIsCaught() {
        assertSome(fires(ID, UNBIND, DriverVariants.FIXED, BrokenParts::unbindKeepsCd),
                "nic0 (SID 0x100) PASID 0x400: DMA write at 0x400000 succeeded with pa 0x", "after proc1 was unbound (step 3)");
    }

    @Test
    void preFixPutThatKeepsTheCdIsCaught() {
        assertSome(fires(ID, UNBIND, DriverVariants.PRE_FIX, BrokenParts::preFixPutKeepsCd),
                "nic0 (SID 0x100) PASID 0x400: DMA write at 0x400000 succeeded", "after proc1 was unbound (step 3)");
    }

    @Test
    void exitThatLeavesTheTlbIsCaught() {
        String flow = HEAD + """
                  - exit: {process: proc1}
                  - dma: {device: nic0, process: proc1, va: 0x400000, access: read}
                """;
        assertSome(fires(ID, flow, DriverVariants.FIXED, BrokenParts::emptyMmRelease),
                "nic0 (SID 0x100) PASID 0x400: DMA read at 0x400000 succeeded", "after proc1 exited: expected a fault once exit returned");
    }

    @Test
    void silentOnCorrectFlows() {
        HwFlows.assertSilent(ID);
    }
}
