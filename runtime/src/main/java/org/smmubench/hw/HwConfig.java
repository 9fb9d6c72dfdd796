package org.smmubench.hw;

/**
 * What the modelled SMMU implements; drives the ID registers and which commands and table
 * formats it accepts.
 *
 * @param twoLevelStrtab IDR0.ST_LEVEL = 2-level supported
 * @param twoLevelCdtab  IDR0.CD2L
 * @param ssidBits       IDR1.SSIDSIZE (0..20)
 * @param sidBits        IDR1.SIDSIZE (0..32)
 * @param asid16         IDR0.ASID16 (else 8-bit ASIDs)
 * @param ats            IDR0.ATS: ATC_INV is legal and STE.EATS is honoured
 * @param stall          stall model: STALL_MODEL=0 (stall+terminate) instead of 1 (terminate only)
 * @param rangeInv       IDR3.RIL: range TLBI form
 * @param hyp            IDR0.HYP: EL2 StreamWorld and TLBI_EL2_* exist
 * @param coherent       IDR0.COHACC
 * @param oasBits        IDR5.OAS in bits (32, 36, 40, 42, 44, 48, 52)
 */
public record HwConfig(boolean twoLevelStrtab, boolean twoLevelCdtab, int ssidBits, int sidBits,
                       boolean asid16, boolean ats, boolean stall, boolean rangeInv, boolean hyp,
                       boolean coherent, int oasBits) {

    public HwConfig {
        if (ssidBits < 0 || ssidBits > 20) {
            throw new IllegalArgumentException("ssidBits must be 0..20, got " + ssidBits);
        }
        if (sidBits < 0 || sidBits > 32) {
            throw new IllegalArgumentException("sidBits must be 0..32, got " + sidBits);
        }
        if (org.smmubench.hw.field.Regs.Idr5.encodeBits(oasBits) < 0) {
            throw new IllegalArgumentException("oasBits must be one of 32,36,40,42,44,48,52, got " + oasBits);
        }
    }

    public static HwConfig defaults() {
        return new HwConfig(true, true, 20, 16, true, false, false, false, false, true, 48);
    }

    public HwConfig withAts(boolean v) {
        return new HwConfig(twoLevelStrtab, twoLevelCdtab, ssidBits, sidBits, asid16, v, stall, rangeInv, hyp, coherent, oasBits);
    }

    public HwConfig withStall(boolean v) {
        return new HwConfig(twoLevelStrtab, twoLevelCdtab, ssidBits, sidBits, asid16, ats, v, rangeInv, hyp, coherent, oasBits);
    }

    public HwConfig withRangeInv(boolean v) {
        return new HwConfig(twoLevelStrtab, twoLevelCdtab, ssidBits, sidBits, asid16, ats, stall, v, hyp, coherent, oasBits);
    }

    public HwConfig withHyp(boolean v) {
        return new HwConfig(twoLevelStrtab, twoLevelCdtab, ssidBits, sidBits, asid16, ats, stall, rangeInv, v, coherent, oasBits);
    }

    public HwConfig withTwoLevelStrtab(boolean v) {
        return new HwConfig(v, twoLevelCdtab, ssidBits, sidBits, asid16, ats, stall, rangeInv, hyp, coherent, oasBits);
    }

    public HwConfig withTwoLevelCdtab(boolean v) {
        return new HwConfig(twoLevelStrtab, v, ssidBits, sidBits, asid16, ats, stall, rangeInv, hyp, coherent, oasBits);
    }

    public HwConfig withSsidBits(int v) {
        return new HwConfig(twoLevelStrtab, twoLevelCdtab, v, sidBits, asid16, ats, stall, rangeInv, hyp, coherent, oasBits);
    }

    public HwConfig withSidBits(int v) {
        return new HwConfig(twoLevelStrtab, twoLevelCdtab, ssidBits, v, asid16, ats, stall, rangeInv, hyp, coherent, oasBits);
    }

    public HwConfig withAsid16(boolean v) {
        return new HwConfig(twoLevelStrtab, twoLevelCdtab, ssidBits, sidBits, v, ats, stall, rangeInv, hyp, coherent, oasBits);
    }
}
