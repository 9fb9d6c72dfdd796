package org.smmubench.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.smmubench.hw.field.Regs;
import org.smmubench.hw.field.Regs.Cr0;
import org.smmubench.hw.field.Regs.Gbpa;
import org.smmubench.hw.field.Regs.Idr0;
import org.smmubench.hw.field.Regs.Idr1;
import org.smmubench.hw.field.Regs.Idr3;
import org.smmubench.hw.field.Regs.Idr5;

class RegistersTest {

    @Test
    void idRegistersAdvertiseTheConfiguration() {
        Smmu s = new Smmu(HwConfig.defaults(), new PhysMemory());
        long idr0 = s.readReg32(Regs.IDR0) & 0xffff_ffffL;
        assertEquals(Idr0.ST_LEVEL_2LVL, Idr0.ST_LEVEL.extract(idr0));
        assertEquals(1, Idr0.CD2L.extract(idr0));
        assertEquals(1, Idr0.S1P.extract(idr0));
        assertEquals(0, Idr0.S2P.extract(idr0));
        assertEquals(Idr0.TTF_AARCH64, Idr0.TTF.extract(idr0));
        assertEquals(1, Idr0.ASID16.extract(idr0));
        assertEquals(1, Idr0.COHACC.extract(idr0));
        assertEquals(0, Idr0.ATS.extract(idr0));
        assertEquals(0, Idr0.HYP.extract(idr0));
        assertEquals(Idr0.STALL_MODEL_TERM_ONLY, Idr0.STALL_MODEL.extract(idr0));
        long idr1 = s.readReg32(Regs.IDR1);
        assertEquals(20, Idr1.SSIDSIZE.extract(idr1));
        assertEquals(16, Idr1.SIDSIZE.extract(idr1));
        assertEquals(0, Idr3.RIL.extract(s.readReg32(Regs.IDR3)));
        long idr5 = s.readReg32(Regs.IDR5);
        assertEquals(5, Idr5.OAS.extract(idr5));
        assertEquals(1, Idr5.GRAN4K.extract(idr5));
    }

    @Test
    void optionalFeaturesShowUpInTheIdRegisters() {
        HwConfig c = HwConfig.defaults().withAts(true).withHyp(true).withRangeInv(true).withStall(true)
                .withTwoLevelStrtab(false).withTwoLevelCdtab(false);
        Smmu s = new Smmu(c, new PhysMemory());
        long idr0 = s.readReg32(Regs.IDR0) & 0xffff_ffffL;
        assertEquals(1, Idr0.ATS.extract(idr0));
        assertEquals(1, Idr0.HYP.extract(idr0));
        assertEquals(0, Idr0.CD2L.extract(idr0));
        assertEquals(Idr0.ST_LEVEL_LINEAR, Idr0.ST_LEVEL.extract(idr0));
        assertEquals(Idr0.STALL_MODEL_STALL_TERM, Idr0.STALL_MODEL.extract(idr0));
        assertEquals(1, Idr3.RIL.extract(s.readReg32(Regs.IDR3)));
    }

    @Test
    void cr0AckMirrorsCr0Immediately() {
        Smmu s = new Smmu(HwConfig.defaults(), new PhysMemory());
        int v = (int) (Cr0.CMDQEN.maskedValue(1) | Cr0.EVTQEN.maskedValue(1));
        s.writeReg32(Regs.CR0, v);
        assertEquals(v, s.readReg32(Regs.CR0ACK));
    }

    @Test
    void gbpaChangesOnlyWithUpdateAndUpdateReadsBackClear() {
        Smmu s = new Smmu(HwConfig.defaults(), new PhysMemory());
        int before = s.readReg32(Regs.GBPA);
        s.writeReg32(Regs.GBPA, (int) Gbpa.ABORT.maskedValue(1));
        assertEquals(before, s.readReg32(Regs.GBPA));
        s.writeReg32(Regs.GBPA, (int) (Gbpa.ABORT.maskedValue(1) | Gbpa.UPDATE.maskedValue(1)));
        assertEquals(Gbpa.ABORT.maskedValue(1), s.readReg32(Regs.GBPA) & 0xffff_ffffL);
    }

    @Test
    void sixtyFourBitRegistersAreReachableAsTwoHalves() {
        Smmu s = new Smmu(HwConfig.defaults(), new PhysMemory());
        s.writeReg64(Regs.STRTAB_BASE, 0x0000_1234_5678_9AC0L);
        assertEquals(0x5678_9AC0, s.readReg32(Regs.STRTAB_BASE));
        assertEquals(0x1234, s.readReg32(Regs.STRTAB_BASE + 4));
        s.writeReg32(Regs.CMDQ_BASE + 4, 0x42);
        assertEquals(0x42L << 32, s.readReg64(Regs.CMDQ_BASE));
    }

    @Test
    void eventQueuePointersLiveInPageOne() {
        Smmu s = new Smmu(HwConfig.defaults(), new PhysMemory());
        s.writeReg32(Regs.EVTQ_CONS, 3);
        assertEquals(3, s.readReg32(Regs.EVTQ_CONS));
        assertEquals(0x100AC, Regs.EVTQ_CONS);
    }
}
