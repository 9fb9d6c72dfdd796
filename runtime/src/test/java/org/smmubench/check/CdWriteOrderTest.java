package org.smmubench.check;

import static org.smmubench.check.HwFlows.assertSome;
import static org.smmubench.check.HwFlows.fires;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.smmubench.driver.tree.DriverVariants;

/** cd-write-order (I14, I13 third bullet): each broken CD writer is caught; correct flows are silent. */
class CdWriteOrderTest {
    static final String ID = CdWriteOrder.ID;
    static final String BIND = """
            scenario: bind at 0x400
            devices: [{name: nic0, bus: pci, sid: 0x100}]
            processes: [{name: proc1, pasid: 0x400, asid: 7, mappings: [{va: 0x400000, size: 0x1000, prot: rw}]}]
            steps:
              - bind: {device: nic0, process: proc1}
              - unbind: {device: nic0, process: proc1}
            """;

    @Test
    void skippedSyncBeforeValidIsCaught() {
        for (String d : HwFlows.DRIVERS) {
            List<String> m = fires(ID, BIND, d, BrokenParts::skipSyncBeforeValid);
            assertSome(m, "nic0 (SID 0x100) PASID 0x400", "dword 0 stored with V=1 (ASID 7)",
                    "expected CFGI_CD(SSID 0x400) for every stream and a completed CMD_SYNC before V=1; found no CFGI_CD for SID 0x100");
        }
    }

    @Test
    void dword0BeforeBodyIsCaught() {
        List<String> m = fires(ID, BIND, DriverVariants.FIXED, BrokenParts::dword0First);
        assertSome(m, "nic0 (SID 0x100) PASID 0x400", "V=1 (ASID 7) before dword 1 was written", "found dword 1 never stored");
    }

    @Test
    void leafPublishedWithoutL1InvalidationIsCaught() {
        List<String> m = fires(ID, BIND, DriverVariants.FIXED, BrokenParts::skipL1Sync);
        assertSome(m, "nic0 (SID 0x100) PASID 0x400", "L1CD 1 (leaf for PASIDs 0x400-0x7ff)", "found no CFGI_CD(Leaf=0) for SID 0x100");
    }

    @Test
    void clearWithoutInvalidationIsCaughtAtStepEnd() {
        List<String> m = fires(ID, BIND, DriverVariants.FIXED, BrokenParts::clearWithoutSync);
        assertSome(m, "nic0 (SID 0x100) PASID 0x400", "dword 0 stored (", "-> 0x0)", "step ended with no CFGI_CD for SID 0x100");
    }

    @Test
    void silentOnCorrectFlows() {
        HwFlows.assertSilent(ID);
    }
}
