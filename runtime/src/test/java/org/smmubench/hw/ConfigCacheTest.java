package org.smmubench.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.smmubench.hw.ConfigEntry.Kind;
import org.smmubench.hw.DmaResult.Abort;
import org.smmubench.hw.DmaResult.Ok;
import org.smmubench.hw.field.Cd;
import org.smmubench.hw.field.Cmd;
import org.smmubench.hw.field.EventType;
import org.smmubench.hw.field.L1Cd;
import org.smmubench.hw.field.Opcode;
import org.smmubench.hw.field.Ste;

/** Cached configuration stays in use until the matching CFGI has been followed by a CMD_SYNC. */
class ConfigCacheTest {
    static final int SID = 0x21;
    static final int SSID = 0x405;
    static final long VA = 0x1000;

    private final HwRig r = new HwRig();
    private final long pgdA = r.newPgd();
    private final long pgdB = r.newPgd();
    private final long l1 = r.twoLevelCdTable(20);
    private long leaf;

    ConfigCacheTest() {
        r.mapPage(pgdA, VA, 0xA000_0000L, HwRig.USER_RW);
        r.mapPage(pgdB, VA, 0xB000_0000L, HwRig.USER_RW);
        leaf = r.installCdLeaf(l1, SSID, L1Cd.SPLIT_64K);
        r.mem.writeWords(cdAddr(), HwRig.cd(1, pgdA));
        r.writeSte(SID, HwRig.s1Ste(l1, Ste.S1FMT_64K_L2, 20, Ste.S1DSS_SSID0));
    }

    private long cdAddr() {
        return leaf + (SSID & 1023) * 64L;
    }

    private DmaResult dma() {
        return r.smmu.dma(Transaction.read(SID, SSID, VA));
    }

    /** Replace the CD by one with another ASID and page table, as a driver would, without any command. */
    private void rewriteCd() {
        r.mem.writeWords(cdAddr(), HwRig.cd(2, pgdB));
    }

    @Test
    void cdChangedInMemoryWithoutInvalidationIsStillUsed() {
        assertEquals(0xA000_0000L, ((Ok) dma()).pa());
        rewriteCd();
        Ok ok = assertInstanceOf(Ok.class, dma());
        assertEquals(0xA000_0000L, ok.pa());
        assertTrue(ok.from().cdFromCache());
        assertEquals(1, Cd.ASID.get(ok.from().cd().dwords()));
        assertEquals(2, r.smmu.readCdFromMemory(SID, SSID).asid());
    }

    @Test
    void cfgiCdWithoutSyncIsNotEnough() {
        dma();
        rewriteCd();
        r.submit(HwRig.cfgiCd(SID, SSID, true));
        Ok ok = (Ok) dma();
        assertEquals(0xA000_0000L, ok.pa());
        assertTrue(ok.from().cd().pendingInvalidation());
    }

    @Test
    void cfgiCdThenSyncMakesTheNewCdVisible() {
        dma();
        rewriteCd();
        r.submit(HwRig.cfgiCd(SID, SSID, true));
        r.submit(HwRig.sync());
        Ok ok = (Ok) dma();
        assertEquals(0xB000_0000L, ok.pa());
        assertFalse(ok.from().cdFromCache());
        assertEquals(2, Cd.ASID.get(ok.from().cd().dwords()));
    }

    @Test
    void cfgiCdForAnotherSsidDoesNotHelp() {
        dma();
        rewriteCd();
        r.submit(HwRig.cfgiCd(SID, SSID + 1, true), HwRig.sync());
        assertEquals(0xA000_0000L, ((Ok) dma()).pa());
    }

    @Test
    void syncWithoutCfgiDoesNotDropAnything() {
        dma();
        rewriteCd();
        r.submit(HwRig.sync());
        assertEquals(0xA000_0000L, ((Ok) dma()).pa());
    }

    @Test
    void clearedCdKeepsWorkingUntilInvalidated() {
        dma();
        r.mem.write64(cdAddr(), 0); // V=0, as on unbind
        assertTrue(dma().ok());
        r.submit(HwRig.cfgiCd(SID, SSID, true), HwRig.sync());
        assertEquals(EventType.C_BAD_CD, ((Abort) dma()).event());
    }

    @Test
    void invalidL1CdIsNegativelyCachedUntilNonLeafCfgi() {
        int other = 0x805; // L1 index 2, no leaf yet
        Abort a = (Abort) r.smmu.dma(Transaction.read(SID, other, VA));
        assertEquals(EventType.C_BAD_SUBSTREAMID, a.event());
        assertTrue(r.smmu.configCache().lookup(Kind.L1CD, SID, 2).isPresent());
        long leaf2 = r.installCdLeaf(l1, other, L1Cd.SPLIT_64K);
        r.mem.writeWords(leaf2 + (other & 1023) * 64L, HwRig.cd(3, pgdB));
        // A leaf CFGI is not enough: the stale invalid L1CD is still cached.
        r.submit(HwRig.cfgiCd(SID, other, true), HwRig.sync());
        assertEquals(EventType.C_BAD_SUBSTREAMID, ((Abort) r.smmu.dma(Transaction.read(SID, other, VA))).event());
        r.submit(HwRig.cfgiCd(SID, other, false), HwRig.sync());
        assertEquals(0xB000_0000L, ((Ok) r.smmu.dma(Transaction.read(SID, other, VA))).pa());
    }

    @Test
    void invalidSteIsNegativelyCachedUntilCfgiSte() {
        int sid = 0x22;
        r.writeSte(sid, new long[8]);
        assertEquals(EventType.C_BAD_STE, ((Abort) r.smmu.dma(Transaction.read(sid, 0))).event());
        r.writeSte(sid, HwRig.bypassSte());
        assertEquals(EventType.C_BAD_STE, ((Abort) r.smmu.dma(Transaction.read(sid, 0))).event());
        r.submit(HwRig.cfgiSte(sid, true), HwRig.sync());
        assertTrue(r.smmu.dma(Transaction.read(sid, 0)).ok());
    }

    @Test
    void cfgiSteAlsoDropsTheStreamsCds() {
        dma();
        rewriteCd();
        r.submit(HwRig.cfgiSte(SID, true), HwRig.sync());
        Ok ok = (Ok) dma();
        assertEquals(0xB000_0000L, ok.pa());
        assertFalse(ok.from().steFromCache());
    }

    @Test
    void cfgiAllAndCdAllDropEverythingTheyCover() {
        dma();
        rewriteCd();
        r.submit(Cmd.of(Opcode.CFGI_ALL), HwRig.sync());
        assertEquals(0, r.smmu.configCache().size());
        assertEquals(0xB000_0000L, ((Ok) dma()).pa());
        r.mem.writeWords(cdAddr(), HwRig.cd(1, pgdA));
        long[] cdAll = Cmd.of(Opcode.CFGI_CD_ALL);
        Cmd.SID.set(cdAll, SID);
        r.submit(cdAll, HwRig.sync());
        assertEquals(1, r.smmu.configCache().entries(Kind.STE).size()); // the STE stays
        assertTrue(r.smmu.configCache().entries(Kind.CD).isEmpty());
        assertTrue(r.smmu.configCache().entries(Kind.L1CD).isEmpty());
        assertEquals(0xA000_0000L, ((Ok) dma()).pa());
    }

    /**
     * The cache is indexed by StreamID: a CFGI for one SID leaves another SID's entries (here
     * for the same CD table) in use, and the entries a CMD_SYNC drops are reported in the
     * cache's order (the order they were filled in), whatever order they were marked in.
     */
    @Test
    void cfgiForOneSidLeavesAnotherSidsEntriesAndDropsComeInCacheOrder() {
        int other = SID + 1;
        r.writeSte(other, HwRig.s1Ste(l1, Ste.S1FMT_64K_L2, 20, Ste.S1DSS_SSID0));
        dma();
        r.smmu.dma(Transaction.read(other, SSID, VA));
        rewriteCd();
        java.util.List<String> dropped = new java.util.ArrayList<>();
        r.smmu.configCache().addObserver((kind, sid, index) -> {
            if (r.smmu.configCache().lookup(kind, sid, index).isEmpty()) dropped.add(kind + " " + sid);
        });
        long[] cdAll = Cmd.of(Opcode.CFGI_CD_ALL);
        Cmd.SID.set(cdAll, other);
        r.submit(cdAll, HwRig.cfgiSte(SID, true), HwRig.sync());
        // SID's STE and CDs (filled first), then the other SID's CD and L1CD: fill order, not mark order.
        assertEquals(java.util.List.of("STE " + SID, "L1CD " + SID, "CD " + SID, "L1CD " + other, "CD " + other), dropped);
        assertEquals(0xB000_0000L, ((Ok) dma()).pa());
        assertTrue(r.smmu.configCache().lookup(Kind.STE, other, other).isPresent()); // never invalidated
        r.smmu.dma(Transaction.read(other, SSID, VA)); // the other SID caches the CD again
        rewriteCd();
        r.submit(HwRig.cfgiCd(SID, SSID, true), HwRig.sync());
        Ok stale = (Ok) r.smmu.dma(Transaction.read(other, SSID, VA));
        assertTrue(stale.from().cdFromCache(), "a CFGI_CD for SID " + SID + " must not drop SID " + other + "'s CD");
    }

    @Test
    void prefetchConfigFillsTheCaches() {
        long[] p = Cmd.of(Opcode.PREFETCH_CONFIG);
        Cmd.SID.set(p, SID);
        Cmd.SSV.set(p, 1);
        Cmd.SSID.set(p, SSID);
        r.submit(p);
        assertTrue(r.smmu.configCache().lookup(Kind.STE, SID, SID).isPresent());
        assertTrue(r.smmu.configCache().lookup(Kind.CD, SID, SSID).isPresent());
        rewriteCd();
        assertEquals(0xA000_0000L, ((Ok) dma()).pa());
    }

    @Test
    void cacheEntriesExposeTheirContents() {
        dma();
        ConfigEntry ste = r.smmu.configCache().lookup(Kind.STE, SID, SID).orElseThrow();
        assertEquals(Ste.CONFIG_S1_TRANS, Ste.CONFIG.get(ste.dwords()));
        assertEquals(r.smmu.readSteFromMemory(SID).address(), ste.address());
        ConfigEntry cd = r.smmu.configCache().lookup(Kind.CD, SID, SSID).orElseThrow();
        assertEquals(cdAddr(), cd.address());
        assertTrue(cd.render().contains("ASID=0x1"));
    }
}
