package org.smmubench.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.smmubench.hw.DmaResult.Abort;
import org.smmubench.hw.DmaResult.Ok;
import org.smmubench.hw.field.EventType;
import org.smmubench.hw.field.L1Std;
import org.smmubench.hw.field.Regs;
import org.smmubench.hw.field.Regs.Cr0;
import org.smmubench.hw.field.Regs.Cr2;
import org.smmubench.hw.field.Regs.Gbpa;
import org.smmubench.hw.field.Ste;

class StreamTableTest {

    @Test
    void linearStreamTableIsIndexedBySid() {
        HwRig r = new HwRig(HwConfig.defaults().withTwoLevelStrtab(false).withSidBits(8));
        r.writeSte(0x13, HwRig.bypassSte());
        SteView v = r.smmu.readSteFromMemory(0x13);
        assertEquals(r.strtab + 0x13 * 64, v.address());
        assertTrue(v.isBypass());
        Ok ok = assertInstanceOf(Ok.class, r.smmu.dma(Transaction.read(0x13, 0x1234)));
        assertEquals(0x1234, ok.pa());
        assertEquals(DmaResult.Route.STE_BYPASS, ok.route());
    }

    @Test
    void twoLevelStreamTableGoesThroughTheL1Descriptor() {
        HwRig r = new HwRig();
        int sid = 0x0305;
        r.writeSte(sid, HwRig.bypassSte());
        SteView v = r.smmu.readSteFromMemory(sid);
        long l1 = r.mem.read64(r.strtab + 3 * 8);
        assertEquals(L1Std.L2PTR.extractAddress(l1) + 5 * 64, v.address());
        assertTrue(r.smmu.dma(Transaction.read(sid, 0x5000)).ok());
    }

    @Test
    void spanLimitsTheL2TableToTwoToTheSpanMinusOneStes() {
        HwRig r = new HwRig();
        r.writeSte(0x100, HwRig.bypassSte());
        long l1Addr = r.strtab + 8;
        long l1 = r.mem.read64(l1Addr);
        r.mem.write64(l1Addr, L1Std.SPAN.insert(l1, 3)); // 4 STEs
        assertTrue(r.smmu.readSteFromMemory(0x103).reachable());
        assertEquals(EventType.C_BAD_STREAMID, r.smmu.readSteFromMemory(0x104).fault());
    }

    @Test
    void invalidL1DescriptorGivesBadStreamId() {
        HwRig r = new HwRig();
        Abort a = assertInstanceOf(Abort.class, r.smmu.dma(Transaction.read(0x700, 0)));
        assertEquals(EventType.C_BAD_STREAMID, a.event());
        assertEquals(EventType.C_BAD_STREAMID, r.smmu.drainEvents().get(0).type());
    }

    @Test
    void badStreamIdIsRecordedOnlyWithRecInvSid() {
        HwRig r = new HwRig(HwConfig.defaults().withTwoLevelStrtab(false).withSidBits(4));
        r.smmu.dma(Transaction.read(0x10, 0));
        assertEquals(EventType.C_BAD_STREAMID, r.smmu.drainEvents().get(0).type());
        r.smmu.writeReg32(Regs.CR2, (int) Cr2.PTM.maskedValue(1));
        Abort a = assertInstanceOf(Abort.class, r.smmu.dma(Transaction.read(0x10, 0)));
        assertEquals(EventType.C_BAD_STREAMID, a.event());
        assertFalse(a.recorded());
        assertTrue(r.smmu.drainEvents().isEmpty());
    }

    @Test
    void invalidSteGivesBadSte() {
        HwRig r = new HwRig();
        r.writeSte(1, new long[8]);
        Abort a = assertInstanceOf(Abort.class, r.smmu.dma(Transaction.read(1, 0)));
        assertEquals(EventType.C_BAD_STE, a.event());
        assertEquals(EventType.C_BAD_STE, r.smmu.drainEvents().get(0).type());
    }

    @Test
    void stageTwoStesAreReportedAsBadSte() {
        HwRig r = new HwRig();
        long[] s = HwRig.bypassSte();
        Ste.CONFIG.set(s, Ste.CONFIG_S2_TRANS);
        r.writeSte(2, s);
        Abort a = assertInstanceOf(Abort.class, r.smmu.dma(Transaction.read(2, 0)));
        assertEquals(EventType.C_BAD_STE, a.event());
        assertTrue(a.reason().contains("stage 2"));
    }

    @Test
    void abortSteAbortsSilently() {
        HwRig r = new HwRig();
        long[] s = new long[8];
        Ste.V.set(s, 1);
        r.writeSte(3, s);
        Abort a = assertInstanceOf(Abort.class, r.smmu.dma(Transaction.read(3, 0)));
        assertEquals(null, a.event());
        assertTrue(r.smmu.drainEvents().isEmpty());
    }

    @Test
    void disabledSmmuFollowsGbpa() {
        HwRig r = new HwRig();
        r.smmu.writeReg32(Regs.CR0, (int) Cr0.CMDQEN.maskedValue(1));
        Ok ok = assertInstanceOf(Ok.class, r.smmu.dma(Transaction.read(0x999, 0xABC)));
        assertEquals(DmaResult.Route.GBPA_BYPASS, ok.route());
        r.smmu.writeReg32(Regs.GBPA, (int) (Gbpa.ABORT.maskedValue(1) | Gbpa.UPDATE.maskedValue(1)));
        Abort a = assertInstanceOf(Abort.class, r.smmu.dma(Transaction.read(0x999, 0xABC)));
        assertEquals(null, a.event());
        assertTrue(r.smmu.drainEvents().isEmpty());
    }

    @Test
    void substreamOnBypassSteIsBadSubstreamId() {
        HwRig r = new HwRig();
        r.writeSte(4, HwRig.bypassSte());
        Abort a = assertInstanceOf(Abort.class, r.smmu.dma(Transaction.read(4, 1, 0)));
        assertEquals(EventType.C_BAD_SUBSTREAMID, a.event());
    }

    @Test
    void steFetchFromFreedMemoryIsSteFetchFault() {
        HwRig r = new HwRig();
        r.writeSte(0x200, HwRig.bypassSte());
        long l1 = r.mem.read64(r.strtab + 2 * 8);
        r.mem.free(L1Std.L2PTR.extractAddress(l1));
        Abort a = assertInstanceOf(Abort.class, r.smmu.dma(Transaction.read(0x200, 0)));
        assertEquals(EventType.F_STE_FETCH, a.event());
    }

    @Test
    void invalidL1StdIsNotCachedBecauseLinuxNeverInvalidatesNewOnes() {
        HwRig r = new HwRig();
        assertEquals(EventType.C_BAD_STREAMID, ((Abort) r.smmu.dma(Transaction.read(0x600, 0))).event());
        r.writeSte(0x600, HwRig.bypassSte()); // installs the L2 table and a valid L1STD, no command
        assertTrue(r.smmu.dma(Transaction.read(0x600, 0)).ok());
    }

    @Test
    void validL1StdStaysCachedUntilNonLeafCfgiSte() {
        HwRig r = new HwRig();
        r.writeSte(0x600, HwRig.bypassSte());
        r.smmu.dma(Transaction.read(0x600, 0));
        assertTrue(r.smmu.configCache().lookup(ConfigEntry.Kind.L1STD, -1, 6).isPresent());
        // Repoint the L1STD at a fresh L2 table full of invalid STEs.
        long l2 = r.mem.alloc(64 << 8, 64 << 8);
        r.mem.write64(r.strtab + 6 * 8, L1Std.L2PTR.insertAddress(L1Std.SPAN.maskedValue(9), l2));
        r.submit(HwRig.cfgiSte(0x600, true), HwRig.sync());
        assertTrue(r.smmu.dma(Transaction.read(0x600, 0)).ok(), "leaf CFGI_STE keeps the cached L1STD");
        r.submit(HwRig.cfgiSte(0x600, false), HwRig.sync());
        assertEquals(EventType.C_BAD_STE, ((Abort) r.smmu.dma(Transaction.read(0x600, 0))).event());
    }

    @Test
    void cfgiSteRangeCoversItsAlignedBlockOnly() {
        HwRig r = new HwRig();
        for (int sid = 0x10; sid < 0x18; sid++) {
            r.writeSte(sid, HwRig.bypassSte());
            r.smmu.dma(Transaction.read(sid, 0));
            r.writeSte(sid, new long[8]);
        }
        long[] c = org.smmubench.hw.field.Cmd.of(org.smmubench.hw.field.Opcode.CFGI_STE_RANGE);
        org.smmubench.hw.field.Cmd.SID.set(c, 0x11);
        org.smmubench.hw.field.Cmd.RANGE.set(c, 1); // 4 SIDs: 0x10..0x13
        r.submit(c, HwRig.sync());
        for (int sid = 0x10; sid < 0x18; sid++) {
            boolean dropped = sid < 0x14;
            assertEquals(!dropped, r.smmu.dma(Transaction.read(sid, 0)).ok(), "sid 0x" + Integer.toHexString(sid));
        }
    }
}
