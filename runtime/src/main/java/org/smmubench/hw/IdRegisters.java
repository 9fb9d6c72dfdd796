package org.smmubench.hw;

import org.smmubench.hw.field.Regs.Idr0;
import org.smmubench.hw.field.Regs.Idr1;
import org.smmubench.hw.field.Regs.Idr3;
import org.smmubench.hw.field.Regs.Idr5;

/** The read-only ID registers, built once from the {@link HwConfig}. */
record IdRegisters(int idr0, int idr1, int idr3, int idr5) {
    /** log2 of the command/event/PRI queue sizes we advertise (Linux needs a CMDQ above 64 entries). */
    static final int QUEUE_SHIFT = 8;

    static IdRegisters from(HwConfig c) {
        long i0 = 0;
        i0 = Idr0.S1P.insert(i0, 1);
        i0 = Idr0.TTF.insert(i0, Idr0.TTF_AARCH64);
        i0 = Idr0.COHACC.insert(i0, c.coherent() ? 1 : 0);
        i0 = Idr0.HYP.insert(i0, c.hyp() ? 1 : 0);
        i0 = Idr0.ATS.insert(i0, c.ats() ? 1 : 0);
        i0 = Idr0.ASID16.insert(i0, c.asid16() ? 1 : 0);
        // CMD_SYNC can MSI-write (into the queue slot, as Linux polls) and signal SEV.
        i0 = Idr0.MSI.insert(i0, 1);
        i0 = Idr0.SEV.insert(i0, 1);
        i0 = Idr0.CD2L.insert(i0, c.twoLevelCdtab() ? 1 : 0);
        i0 = Idr0.TTENDIAN.insert(i0, Idr0.TTENDIAN_LE);
        i0 = Idr0.STALL_MODEL.insert(i0, c.stall() ? Idr0.STALL_MODEL_STALL_TERM : Idr0.STALL_MODEL_TERM_ONLY);
        i0 = Idr0.ST_LEVEL.insert(i0, c.twoLevelStrtab() ? Idr0.ST_LEVEL_2LVL : Idr0.ST_LEVEL_LINEAR);

        long i1 = 0;
        i1 = Idr1.SIDSIZE.insert(i1, c.sidBits());
        i1 = Idr1.SSIDSIZE.insert(i1, c.ssidBits());
        i1 = Idr1.CMDQS.insert(i1, QUEUE_SHIFT);
        i1 = Idr1.EVTQS.insert(i1, QUEUE_SHIFT);
        i1 = Idr1.PRIQS.insert(i1, QUEUE_SHIFT);

        long i3 = Idr3.RIL.insert(0, c.rangeInv() ? 1 : 0);

        long i5 = 0;
        i5 = Idr5.OAS.insert(i5, Idr5.encodeBits(c.oasBits()));
        i5 = Idr5.GRAN4K.insert(i5, 1);
        return new IdRegisters((int) i0, (int) i1, (int) i3, (int) i5);
    }
}
