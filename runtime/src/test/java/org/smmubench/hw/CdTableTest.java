package org.smmubench.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.smmubench.hw.DmaResult.Abort;
import org.smmubench.hw.DmaResult.Ok;
import org.smmubench.hw.field.Cd;
import org.smmubench.hw.field.EventType;
import org.smmubench.hw.field.L1Cd;
import org.smmubench.hw.field.Ste;

class CdTableTest {
    static final long VA = 0x40_0000L;
    static final long PA = 0x1234_5000L;

    @Test
    void singleCdWhenS1CdMaxIsZero() {
        HwRig r = new HwRig();
        long pgd = r.newPgd();
        r.mapPage(pgd, VA, PA, HwRig.USER_RW);
        long cdtab = r.linearCdTable(0);
        r.mem.writeWords(cdtab, HwRig.cd(1, pgd));
        r.writeSte(7, HwRig.s1Ste(cdtab, Ste.S1FMT_LINEAR, 0, 0));
        Ok ok = assertInstanceOf(Ok.class, r.smmu.dma(Transaction.read(7, VA + 0x10)));
        assertEquals(PA + 0x10, ok.pa());
        Abort a = assertInstanceOf(Abort.class, r.smmu.dma(Transaction.read(7, 1, VA)));
        assertEquals(EventType.C_BAD_SUBSTREAMID, a.event());
    }

    @Test
    void linearCdTableIsIndexedBySsid() {
        HwRig r = new HwRig();
        long pgd = r.newPgd();
        r.mapPage(pgd, VA, PA, HwRig.USER_RW);
        long cdtab = r.linearCdTable(4);
        r.mem.writeWords(cdtab + 5 * 64, HwRig.cd(5, pgd));
        r.writeSte(7, HwRig.s1Ste(cdtab, Ste.S1FMT_LINEAR, 4, Ste.S1DSS_SSID0));
        CdView v = r.smmu.readCdFromMemory(7, 5);
        assertEquals(cdtab + 5 * 64, v.address());
        assertEquals(5, v.asid());
        assertEquals(PA, ((Ok) r.smmu.dma(Transaction.read(7, 5, VA))).pa());
        Abort a = assertInstanceOf(Abort.class, r.smmu.dma(Transaction.read(7, 16, VA)));
        assertEquals(EventType.C_BAD_SUBSTREAMID, a.event());
    }

    @Test
    void twoLevelCdTableWith64KLeaves() {
        HwRig r = new HwRig();
        long pgd = r.newPgd();
        r.mapPage(pgd, VA, PA, HwRig.USER_RW);
        long l1 = r.twoLevelCdTable(20);
        int ssid = 0x401; // L1 index 1, leaf index 1
        long leaf = r.installCdLeaf(l1, ssid, L1Cd.SPLIT_64K);
        r.mem.writeWords(leaf + 64, HwRig.cd(9, pgd));
        r.writeSte(8, HwRig.s1Ste(l1, Ste.S1FMT_64K_L2, 20, Ste.S1DSS_SSID0));
        assertEquals(leaf + 64, r.smmu.readCdFromMemory(8, ssid).address());
        assertEquals(PA, ((Ok) r.smmu.dma(Transaction.read(8, ssid, VA))).pa());
    }

    @Test
    void twoLevelCdTableWith4KLeaves() {
        HwRig r = new HwRig();
        long pgd = r.newPgd();
        r.mapPage(pgd, VA, PA, HwRig.USER_RW);
        long l1 = r.mem.alloc(8 * 16, 64);
        int ssid = 0x41; // L1 index 1, leaf index 1
        long leaf = r.installCdLeaf(l1, ssid, L1Cd.SPLIT_4K);
        r.mem.writeWords(leaf + 64, HwRig.cd(9, pgd));
        r.writeSte(8, HwRig.s1Ste(l1, Ste.S1FMT_4K_L2, 10, Ste.S1DSS_SSID0));
        assertEquals(leaf + 64, r.smmu.readCdFromMemory(8, ssid).address());
        assertEquals(PA, ((Ok) r.smmu.dma(Transaction.read(8, ssid, VA))).pa());
    }

    @Test
    void invalidL1CdGivesBadSubstreamId() {
        HwRig r = new HwRig();
        long l1 = r.twoLevelCdTable(20);
        r.writeSte(8, HwRig.s1Ste(l1, Ste.S1FMT_64K_L2, 20, Ste.S1DSS_SSID0));
        Abort a = assertInstanceOf(Abort.class, r.smmu.dma(Transaction.read(8, 0x800, VA)));
        assertEquals(EventType.C_BAD_SUBSTREAMID, a.event());
        assertEquals(EventType.C_BAD_SUBSTREAMID, r.smmu.drainEvents().get(0).type());
    }

    @Test
    void substreamDefaultBehaviours() {
        HwRig r = new HwRig();
        long pgd = r.newPgd();
        r.mapPage(pgd, VA, PA, HwRig.USER_RW);
        long cdtab = r.linearCdTable(2);
        r.mem.writeWords(cdtab, HwRig.cd(1, pgd));
        r.writeSte(1, HwRig.s1Ste(cdtab, Ste.S1FMT_LINEAR, 2, Ste.S1DSS_TERMINATE));
        r.writeSte(2, HwRig.s1Ste(cdtab, Ste.S1FMT_LINEAR, 2, Ste.S1DSS_BYPASS));
        r.writeSte(3, HwRig.s1Ste(cdtab, Ste.S1FMT_LINEAR, 2, Ste.S1DSS_SSID0));
        assertEquals(EventType.F_STREAM_DISABLED, ((Abort) r.smmu.dma(Transaction.read(1, VA))).event());
        assertEquals(DmaResult.Route.S1DSS_BYPASS, ((Ok) r.smmu.dma(Transaction.read(2, VA))).route());
        assertEquals(PA, ((Ok) r.smmu.dma(Transaction.read(3, VA))).pa());
        // SSID 0 is reserved for non-PASID traffic under S1DSS=SSID0
        assertEquals(EventType.C_BAD_SUBSTREAMID, ((Abort) r.smmu.dma(Transaction.read(3, 0, VA))).event());
        // ...but is an ordinary CD index under the other modes
        assertEquals(PA, ((Ok) r.smmu.dma(Transaction.read(2, 0, VA))).pa());
    }

    @Test
    void cdValidityChecksGiveBadCd() {
        HwRig r = new HwRig();
        long pgd = r.newPgd();
        long[][] bad = new long[8][];
        for (int i = 0; i < bad.length; i++) {
            bad[i] = HwRig.cd(1, pgd);
        }
        Cd.V.set(bad[0], 0);
        Cd.AA64.set(bad[1], 0);
        Cd.T0SZ.set(bad[2], 15);
        Cd.T0SZ.set(bad[3], 40);
        Cd.TG0.set(bad[4], Cd.TG0_64K);
        Cd.ENDI.set(bad[5], 1);
        Cd.HA.set(bad[6], 1);
        Cd.IPS.set(bad[7], 6); // 52 bits > OAS 48
        for (long[] cd : bad) {
            CdView v = checkOne(r, cd);
            assertEquals(EventType.C_BAD_CD, v.fault(), v.reason());
        }
        long[] stall = HwRig.cd(1, pgd);
        Cd.S.set(stall, 1);
        assertEquals(EventType.C_BAD_CD, checkOne(r, stall).fault());
        // T0SZ/TG0 are not checked when walks are disabled
        long[] quiet = HwRig.cd(1, 0);
        Cd.EPD0.set(quiet, 1);
        Cd.T0SZ.set(quiet, 0);
        assertNull(checkOne(r, quiet).fault());
    }

    @Test
    void stallCdIsAcceptedWhenTheSmmuCanStall() {
        HwRig r = new HwRig(HwConfig.defaults().withStall(true));
        long[] cd = HwRig.cd(1, r.newPgd());
        Cd.S.set(cd, 1);
        assertNull(checkOne(r, cd).fault());
    }

    private static CdView checkOne(HwRig r, long[] cd) {
        long cdtab = r.linearCdTable(0);
        r.mem.writeWords(cdtab, cd);
        r.writeSte(0x55, HwRig.s1Ste(cdtab, Ste.S1FMT_LINEAR, 0, 0));
        CdView v = r.smmu.readCdFromMemory(0x55, -1);
        assertTrue(v.reachable());
        return v;
    }

    @Test
    void badCdIsRecordedOnTranslation() {
        HwRig r = new HwRig();
        long cdtab = r.linearCdTable(0);
        r.writeSte(0x56, HwRig.s1Ste(cdtab, Ste.S1FMT_LINEAR, 0, 0));
        Abort a = assertInstanceOf(Abort.class, r.smmu.dma(Transaction.read(0x56, VA)));
        assertEquals(EventType.C_BAD_CD, a.event());
        Event e = r.smmu.drainEvents().get(0);
        assertEquals(EventType.C_BAD_CD, e.type());
        assertEquals(0x56, e.sid());
    }
}
