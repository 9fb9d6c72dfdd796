package org.smmubench.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.smmubench.hw.DmaResult.Abort;
import org.smmubench.hw.DmaResult.Ok;
import org.smmubench.hw.field.Cd;
import org.smmubench.hw.field.EventType;
import org.smmubench.hw.field.Pte;
import org.smmubench.hw.field.Ste;

class WalkTest {
    static final int SID = 0x10;

    private final HwRig r = new HwRig();
    private final long pgd = r.newPgd();
    private final long cdtab = r.linearCdTable(0);

    private void useCd(long[] cd) {
        r.mem.writeWords(cdtab, cd);
        r.writeSte(SID, HwRig.s1Ste(cdtab, Ste.S1FMT_LINEAR, 0, 0));
    }

    private DmaResult read(long va) {
        return r.smmu.dma(Transaction.read(SID, va));
    }

    @Test
    void fourLevelWalkToA4KPage() {
        useCd(HwRig.cd(1, pgd));
        long va = 0x7F12_3456_7000L;
        r.mapPage(pgd, va, 0x9_8765_4000L, HwRig.USER_RW);
        Ok ok = assertInstanceOf(Ok.class, read(va + 0xABC));
        assertEquals(0x9_8765_4ABCL, ok.pa());
        assertEquals(3, ok.from().tlb().level());
        assertEquals(4096, ok.from().tlb().size());
    }

    @Test
    void blocksAtLevelOneAndTwo() {
        useCd(HwRig.cd(1, pgd));
        r.map(pgd, 0x4000_0000L, 0x1_C000_0000L, 1, HwRig.USER_RW);
        r.map(pgd, 0x8020_0000L, 0x2_0040_0000L, 2, HwRig.USER_RW);
        Ok gig = assertInstanceOf(Ok.class, read(0x4000_0000L + 0x1234_5678L));
        assertEquals(0x1_C000_0000L + 0x1234_5678L, gig.pa());
        assertEquals(1, gig.from().tlb().level());
        Ok two = assertInstanceOf(Ok.class, read(0x8020_0000L + 0x1_2345L));
        assertEquals(0x2_0040_0000L + 0x1_2345L, two.pa());
        assertEquals(2, two.from().tlb().level());
    }

    @Test
    void smallerT0szStartsTheWalkLower() {
        long[] cd = HwRig.cd(1, pgd);
        Cd.T0SZ.set(cd, 25); // 39-bit VA: walk starts at level 1
        useCd(cd);
        long va = 0x12_3456_7000L;
        // Build the tree by hand from level 1: the CD's TTB0 is the level-1 table.
        long l2 = r.mem.alloc(4096, 4096);
        long l3 = r.mem.alloc(4096, 4096);
        long table = Pte.VALID.maskedValue(1) | Pte.TABLE.maskedValue(1);
        r.mem.write64(pgd + Pte.index(va, 1) * 8L, Pte.OA.insertAddress(table, l2));
        r.mem.write64(l2 + Pte.index(va, 2) * 8L, Pte.OA.insertAddress(table, l3));
        r.mem.write64(l3 + Pte.index(va, 3) * 8L, Pte.OA.insertAddress(table | HwRig.USER_RW, 0x5000_0000L));
        assertEquals(0x5000_0010L, ((Ok) read(va + 0x10)).pa());
        assertEquals(EventType.F_TRANSLATION, ((Abort) read(1L << 39)).event());
    }

    @Test
    void unmappedAddressIsTranslationFault() {
        useCd(HwRig.cd(1, pgd));
        Abort a = assertInstanceOf(Abort.class, read(0x1000));
        assertEquals(EventType.F_TRANSLATION, a.event());
        assertTrue(a.recorded());
        Event e = r.smmu.drainEvents().get(0);
        assertEquals(EventType.F_TRANSLATION, e.type());
        assertEquals(0x1000, e.inputAddress());
    }

    @Test
    void writeToReadOnlyPageIsPermissionFault() {
        useCd(HwRig.cd(1, pgd));
        r.mapPage(pgd, 0x5000, 0x6000_0000L, HwRig.USER_RO);
        assertTrue(read(0x5000).ok());
        Abort a = assertInstanceOf(Abort.class, r.smmu.dma(Transaction.write(SID, 0x5000)));
        assertEquals(EventType.F_PERMISSION, a.event());
        assertEquals(EventType.F_PERMISSION, r.smmu.drainEvents().get(0).type());
    }

    @Test
    void kernelOnlyPageRejectsUnprivilegedButNotPrivilegedAccess() {
        useCd(HwRig.cd(1, pgd));
        r.mapPage(pgd, 0x5000, 0x6000_0000L, Pte.AF.maskedValue(1));
        assertEquals(EventType.F_PERMISSION, ((Abort) read(0x5000)).event());
        assertTrue(r.smmu.dma(Transaction.read(SID, 0x5000).withPrivileged(true)).ok());
    }

    @Test
    void panStopsPrivilegedDataAccessToUserPages() {
        long[] cd = HwRig.cd(1, pgd);
        Cd.PAN.set(cd, 1);
        useCd(cd);
        r.mapPage(pgd, 0x5000, 0x6000_0000L, HwRig.USER_RW);
        assertEquals(EventType.F_PERMISSION,
                ((Abort) r.smmu.dma(Transaction.read(SID, 0x5000).withPrivileged(true))).event());
    }

    @Test
    void executeNeverIsHonouredForInstructionFetches() {
        useCd(HwRig.cd(1, pgd));
        r.mapPage(pgd, 0x5000, 0x6000_0000L, HwRig.USER_RW | Pte.UXN.maskedValue(1));
        r.mapPage(pgd, 0x7000, 0x6000_1000L, Pte.AF.maskedValue(1) | Pte.PXN.maskedValue(1));
        assertTrue(read(0x5000).ok());
        assertEquals(EventType.F_PERMISSION,
                ((Abort) r.smmu.dma(Transaction.read(SID, 0x5000).withInstruction(true))).event());
        assertEquals(EventType.F_PERMISSION,
                ((Abort) r.smmu.dma(Transaction.read(SID, 0x7000).withPrivileged(true).withInstruction(true))).event());
        assertTrue(r.smmu.dma(Transaction.read(SID, 0x7000).withPrivileged(true)).ok());
    }

    @Test
    void clearAccessFlagIsAccessFaultUnlessAffd() {
        useCd(HwRig.cd(1, pgd));
        r.mapPage(pgd, 0x5000, 0x6000_0000L, HwRig.USER_RW & ~Pte.AF.mask());
        Abort a = assertInstanceOf(Abort.class, read(0x5000));
        assertEquals(EventType.F_ACCESS, a.event());
        long[] cd = HwRig.cd(2, pgd);
        Cd.AFFD.set(cd, 1);
        useCd(cd);
        r.submit(HwRig.cfgiSte(SID, true), HwRig.sync());
        assertTrue(read(0x5000).ok());
    }

    @Test
    void faultsAreNotCachedAndSuccessfulWalksAre() {
        useCd(HwRig.cd(1, pgd));
        read(0x5000);
        assertEquals(0, r.smmu.tlb().size());
        r.mapPage(pgd, 0x5000, 0x6000_0000L, HwRig.USER_RW);
        assertTrue(read(0x5000).ok());
        assertEquals(1, r.smmu.tlb().size());
        TlbEntry e = r.smmu.tlb().entries().get(0);
        assertEquals(1, e.asid());
        assertEquals(0x5000, e.va());
        assertEquals(0x6000_0000L, e.pa());
        assertFalse(e.global());
    }

    @Test
    void epd0FaultsEveryWalk() {
        long[] cd = HwRig.cd(1, pgd);
        Cd.EPD0.set(cd, 1);
        useCd(cd);
        r.mapPage(pgd, 0x5000, 0x6000_0000L, HwRig.USER_RW);
        assertEquals(EventType.F_TRANSLATION, ((Abort) read(0x5000)).event());
    }

    @Test
    void kernelHalfAddressesFault() {
        useCd(HwRig.cd(1, pgd));
        assertEquals(EventType.F_TRANSLATION, ((Abort) read(0xFFFF_8000_0000_0000L)).event());
    }

    @Test
    void recordBitClearSuppressesFaultEventsButNotConfigErrors() {
        long[] cd = HwRig.cd(1, pgd);
        Cd.R.set(cd, 0);
        useCd(cd);
        r.mapPage(pgd, 0x5000, 0x6000_0000L, HwRig.USER_RO);
        r.mapPage(pgd, 0x7000, 0x6000_1000L, HwRig.USER_RW & ~Pte.AF.mask());
        Abort tr = (Abort) read(0x1000);
        Abort perm = (Abort) r.smmu.dma(Transaction.write(SID, 0x5000));
        Abort acc = (Abort) read(0x7000);
        assertEquals(EventType.F_TRANSLATION, tr.event());
        assertEquals(EventType.F_PERMISSION, perm.event());
        assertEquals(EventType.F_ACCESS, acc.event());
        assertFalse(tr.recorded() || perm.recorded() || acc.recorded());
        assertTrue(r.smmu.drainEvents().isEmpty());
        Abort sub = (Abort) r.smmu.dma(Transaction.read(SID, 3, 0x5000));
        assertEquals(EventType.C_BAD_SUBSTREAMID, sub.event());
        assertEquals(1, r.smmu.drainEvents().size());
    }

    @Test
    void walkThroughFreedTableIsWalkExternalAbort() {
        useCd(HwRig.cd(1, pgd));
        r.mapPage(pgd, 0x5000, 0x6000_0000L, HwRig.USER_RW);
        long l1 = Pte.OA.extractAddress(r.mem.read64(pgd));
        r.mem.free(l1);
        Abort a = assertInstanceOf(Abort.class, read(0x5000));
        assertEquals(EventType.F_WALK_EABT, a.event());
        assertEquals(l1, r.smmu.drainEvents().get(0).address());
    }
}
