package org.smmubench.check;

import static org.smmubench.check.HwFlows.assertSome;
import static org.smmubench.check.HwFlows.fires;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.smmubench.driver.tree.DriverVariants;

/** stale-config (HW I2): a CD cleared without CFGI_CD stays cached; the checker sees it at step end and at the DMA it serves. */
class StaleConfigTest {
    static final String ID = StaleConfig.ID;
    static final String FLOW = """
            scenario: stale CD
            devices: [{name: nic0, bus: pci, sid: 0x100}]
            processes: [{name: proc1, pasid: 0x400, mappings: [{va: 0x400000, size: 0x1000, prot: rw}]}]
            steps:
              - bind: {device: nic0, process: proc1}
              - dma: {device: nic0, process: proc1, va: 0x400000, access: write, expect: ok}
              - unbind: {device: nic0, process: proc1}
              - dma: {device: nic0, process: proc1, va: 0x400000, access: read}
            """;

    @Test
    void cdClearedWithoutInvalidationIsCaught() {
        List<String> m = fires(ID, FLOW, DriverVariants.FIXED, BrokenParts::clearWithoutSync);
        assertSome(m, "cached CD of nic0 (SID 0x100) PASID 0x400 at 0x", "is stale when the step ends: dword 0 expected 0x0 (memory), found 0x",
                "(never invalidated)");
        assertSome(m, "nic0 PASID 0x400: DMA read at 0x400000 (pa 0x", "was decided by a stale cached CD of nic0 (SID 0x100) PASID 0x400");
    }

    @Test
    void silentOnCorrectFlows() {
        HwFlows.assertSilent(ID);
    }
}
