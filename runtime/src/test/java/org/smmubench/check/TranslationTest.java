package org.smmubench.check;

import static org.smmubench.check.HwFlows.assertSome;
import static org.smmubench.check.HwFlows.fires;

import org.junit.jupiter.api.Test;
import org.smmubench.driver.tree.DriverVariants;

/** translation (HW I1): successes that disagree with the bound mm's page tables are caught. */
class TranslationTest {
    static final String ID = Translation.ID;
    static final String HEAD = """
            scenario: translation
            devices: [{name: nic0, bus: pci, sid: 0x100}]
            processes: [{name: proc1, pasid: 0x400, mappings: [{va: 0x400000, size: 0x1000, prot: rw}]}]
            steps:
              - bind: {device: nic0, process: proc1}
              - dma: {device: nic0, process: proc1, va: 0x400000, access: write, expect: ok}
            """;

    @Test
    void successOnAnUnmappedPageIsCaught() {
        String flow = HEAD + """
                  - unmap: {process: proc1, va: 0x400000, size: 0x1000}
                  - dma: {device: nic0, process: proc1, va: 0x400000, access: read}
                """;
        for (String d : HwFlows.DRIVERS) {
            assertSome(fires(ID, flow, d, BrokenParts::skipSecondaryTlbs), "nic0 (SID 0x100) PASID 0x400: DMA read at 0x400000 succeeded",
                    "but 0x400000 is unmapped in proc1: expected F_TRANSLATION");
        }
    }

    @Test
    void writeToAReadOnlyPageIsCaught() {
        String flow = HEAD + """
                  - map: {process: proc1, va: 0x400000, size: 0x1000, prot: r}
                  - dma: {device: nic0, process: proc1, va: 0x400000, access: write}
                """;
        assertSome(fires(ID, flow, DriverVariants.FIXED, BrokenParts::skipSecondaryTlbs),
                "DMA write at 0x400000 succeeded", "but the page is read-only in proc1: expected F_PERMISSION");
    }

    @Test
    void successOnAnUnboundPasidIsCaught() {
        String flow = HEAD + """
                  - unbind: {device: nic0, process: proc1}
                  - dma: {device: nic0, process: proc1, va: 0x400000, access: read}
                """;
        assertSome(fires(ID, flow, DriverVariants.FIXED, BrokenParts::unbindKeepsCd),
                "nic0 (SID 0x100) PASID 0x400: DMA read at 0x400000 succeeded", "PASID 0x400 is not bound in the group of nic0: expected a fault");
    }

    @Test
    void silentOnCorrectFlows() {
        HwFlows.assertSilent(ID);
    }
}
