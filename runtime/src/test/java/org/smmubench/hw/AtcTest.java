package org.smmubench.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.smmubench.hw.DmaResult.Abort;
import org.smmubench.hw.DmaResult.Ok;
import org.smmubench.hw.field.EventType;
import org.smmubench.hw.field.Ste;

/** Endpoint ATC entries survive TLBIs and go only with ATC_INV + CMD_SYNC. */
class AtcTest {
    static final int SID = 0x41;
    static final int ASID = 3;
    static final int PASID = 5;

    private final HwRig r = new HwRig(HwConfig.defaults().withAts(true));
    private final long pgd = r.newPgd();
    private final long pteSlot = r.mapPage(pgd, 0x5000, 0xA000_0000L, HwRig.USER_RW);

    AtcTest() {
        long cdtab = r.linearCdTable(4);
        r.mem.writeWords(cdtab + PASID * 64L, HwRig.cd(ASID, pgd));
        long[] ste = HwRig.s1Ste(cdtab, Ste.S1FMT_LINEAR, 4, Ste.S1DSS_SSID0);
        Ste.EATS.set(ste, Ste.EATS_TRANS);
        r.writeSte(SID, ste);
    }

    private DmaResult atsRead() {
        return r.smmu.dma(Transaction.read(SID, PASID, 0x5010).withAts(true));
    }

    @Test
    void atsTranslationFillsTheEndpointAtc() {
        Ok first = (Ok) atsRead();
        assertFalse(first.from().atcHit());
        assertEquals(1, r.smmu.atc(SID).size());
        Ok second = (Ok) atsRead();
        assertTrue(second.from().atcHit());
        assertEquals(DmaResult.Route.ATC, second.route());
        assertEquals(0xA000_0010L, second.pa());
    }

    @Test
    void atcEntrySurvivesTlbiAndSync() {
        atsRead();
        r.mem.write64(pteSlot, 0);
        r.submit(HwRig.tlbiAsid(ASID), HwRig.sync());
        assertEquals(0, r.smmu.tlb().size());
        Ok ok = (Ok) atsRead();
        assertTrue(ok.from().atcHit());
        assertEquals(0xA000_0010L, ok.pa());
    }

    @Test
    void atcInvWithoutSyncIsNotEnough() {
        atsRead();
        r.mem.write64(pteSlot, 0);
        r.submit(HwRig.tlbiAsid(ASID), HwRig.sync(), HwRig.atcInv(SID, PASID, 0, 52));
        assertTrue(atsRead().ok());
    }

    @Test
    void atcInvThenSyncRemovesTheEntry() {
        atsRead();
        r.mem.write64(pteSlot, 0);
        r.submit(HwRig.tlbiAsid(ASID), HwRig.sync(), HwRig.atcInv(SID, PASID, 0x5000, 0), HwRig.sync());
        assertEquals(0, r.smmu.atc(SID).size());
        assertEquals(EventType.F_TRANSLATION, ((Abort) atsRead()).event());
    }

    @Test
    void atcInvRespectsPasidAndRange() {
        atsRead();
        r.submit(HwRig.atcInv(SID, PASID + 1, 0, 52), HwRig.sync());
        assertEquals(1, r.smmu.atc(SID).size());
        r.submit(HwRig.atcInv(SID, PASID, 0x6000, 0), HwRig.sync());
        assertEquals(1, r.smmu.atc(SID).size());
        r.submit(HwRig.atcInv(SID + 1, PASID, 0x5000, 0), HwRig.sync());
        assertEquals(1, r.smmu.atc(SID).size());
        r.submit(HwRig.atcInv(SID, PASID, 0x4000, 1), HwRig.sync()); // 2 pages aligned: 0x4000..0x5fff
        assertEquals(0, r.smmu.atc(SID).size());
    }

    @Test
    void atcInvWithoutPasidHitsPasidTaggedEntries() {
        atsRead();
        r.submit(HwRig.atcInv(SID, null, 0, 52), HwRig.sync());
        assertEquals(0, r.smmu.atc(SID).size());
    }

    @Test
    void atsRequestOnStreamWithoutEatsIsBadAtsRequest() {
        long cdtab = r.linearCdTable(4);
        r.mem.writeWords(cdtab + PASID * 64L, HwRig.cd(ASID, pgd));
        r.writeSte(SID + 2, HwRig.s1Ste(cdtab, Ste.S1FMT_LINEAR, 4, Ste.S1DSS_SSID0));
        Abort a = (Abort) r.smmu.dma(Transaction.read(SID + 2, PASID, 0x5000).withAts(true));
        assertEquals(EventType.F_BAD_ATS_TREQ, a.event());
    }
}
