package org.smmubench.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.smmubench.hw.DmaResult.Abort;
import org.smmubench.hw.DmaResult.Ok;
import org.smmubench.hw.field.Cmd;
import org.smmubench.hw.field.EventType;
import org.smmubench.hw.field.Opcode;
import org.smmubench.hw.field.Ste;

/** A TLB entry is used without re-walking until a covering TLBI has been followed by a CMD_SYNC. */
class TlbTest {
    static final int SID = 0x31;
    static final int ASID = 7;

    /** One stream with a CD (ASID 7) and two mapped pages, on an SMMU built from {@code cfg}. */
    private static final class Fixture {
        final HwRig r;
        final long pgd;
        final long pteSlot;

        Fixture(HwConfig cfg) {
            r = new HwRig(cfg);
            pgd = r.newPgd();
            pteSlot = r.mapPage(pgd, 0x5000, 0xA000_0000L, HwRig.USER_RW);
            r.mapPage(pgd, 0x9000, 0xA000_9000L, HwRig.USER_RW);
            long cdtab = r.linearCdTable(0);
            r.mem.writeWords(cdtab, HwRig.cd(ASID, pgd));
            r.writeSte(SID, HwRig.s1Ste(cdtab, Ste.S1FMT_LINEAR, 0, 0));
        }

        DmaResult read(long va) {
            return r.smmu.dma(Transaction.read(SID, va));
        }
    }

    private final Fixture f = new Fixture(HwConfig.defaults());
    private final HwRig r = f.r;
    private final long pgd = f.pgd;

    private DmaResult read(long va) {
        return f.read(va);
    }

    private void unmap() {
        r.mem.write64(f.pteSlot, 0);
    }

    @Test
    void tlbHitIsUsedEvenAfterThePageTableChanged() {
        read(0x5000);
        unmap();
        Ok ok = (Ok) read(0x5000);
        assertEquals(0xA000_0000L, ok.pa());
        assertTrue(ok.from().tlbHit());
    }

    @Test
    void tlbiWithoutSyncLeavesTheEntryInUse() {
        read(0x5000);
        unmap();
        r.submit(HwRig.tlbiAsid(ASID));
        assertTrue(read(0x5000).ok());
        assertTrue(r.smmu.tlb().entries().get(0).pendingInvalidation());
    }

    @Test
    void tlbiAsidThenSyncRemovesTheEntry() {
        read(0x5000);
        unmap();
        r.submit(HwRig.tlbiAsid(ASID), HwRig.sync());
        assertEquals(EventType.F_TRANSLATION, ((Abort) read(0x5000)).event());
    }

    @Test
    void tlbiForAnotherAsidOrAddressDoesNotHelp() {
        read(0x5000);
        read(0x9000);
        unmap();
        r.submit(HwRig.tlbiAsid(ASID + 1), HwRig.tlbiVa(ASID, 0x9000), HwRig.sync());
        assertTrue(read(0x5000).ok());
        assertEquals(1, r.smmu.tlb().size());
        r.submit(HwRig.tlbiVa(ASID, 0x5000), HwRig.sync());
        assertEquals(EventType.F_TRANSLATION, ((Abort) read(0x5000)).event());
    }

    @Test
    void tlbiVaaAndNsnhAllCoverEveryAsid() {
        read(0x5000);
        long[] vaa = Cmd.of(Opcode.TLBI_NH_VAA);
        Cmd.ADDR.setAddress(vaa, 0x5000);
        r.submit(vaa, HwRig.sync());
        assertEquals(0, r.smmu.tlb().size());
        read(0x5000);
        read(0x9000);
        r.submit(Cmd.of(Opcode.TLBI_NSNH_ALL), HwRig.sync());
        assertEquals(0, r.smmu.tlb().size());
    }

    @Test
    void tlbIsTaggedByAsidNotByStream() {
        // A second stream whose CD carries the same ASID but different tables hits the first stream's entry.
        long otherPgd = r.newPgd();
        r.mapPage(otherPgd, 0x5000, 0xB000_0000L, HwRig.USER_RW);
        long cdtab = r.linearCdTable(0);
        r.mem.writeWords(cdtab, HwRig.cd(ASID, otherPgd));
        r.writeSte(SID + 1, HwRig.s1Ste(cdtab, Ste.S1FMT_LINEAR, 0, 0));
        read(0x5000);
        Ok ok = (Ok) r.smmu.dma(Transaction.read(SID + 1, 0x5000));
        assertEquals(0xA000_0000L, ok.pa());
        assertTrue(ok.from().tlbHit());
    }

    @Test
    void rangeTlbiCoversItsWholeRangeWhenRilIsImplemented() {
        Fixture t = new Fixture(HwConfig.defaults().withRangeInv(true));
        t.read(0x5000);
        t.read(0x9000);
        long[] c = HwRig.tlbiVa(ASID, 0x5000);
        Cmd.TG.set(c, 1);    // 4K
        Cmd.NUM.set(c, 3);   // 4 pages: 0x5000..0x8fff
        Cmd.SCALE.set(c, 0);
        t.r.submit(c, HwRig.sync());
        assertEquals(1, t.r.smmu.tlb().size());
        assertEquals(0x9000, t.r.smmu.tlb().entries().get(0).va());
        Cmd.NUM.set(c, 4);   // 5 pages: reaches 0x9000
        t.r.submit(c, HwRig.sync());
        assertEquals(0, t.r.smmu.tlb().size());
    }

    @Test
    void permissionsAreCheckedOnATlbHit() {
        r.mapPage(pgd, 0xC000, 0xA000_C000L, HwRig.USER_RO);
        assertTrue(read(0xC000).ok());
        Abort a = (Abort) r.smmu.dma(Transaction.write(SID, 0xC000));
        assertEquals(EventType.F_PERMISSION, a.event());
        assertTrue(a.from().tlbHit());
    }
}
