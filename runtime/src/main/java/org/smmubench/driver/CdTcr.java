package org.smmubench.driver;

import org.smmubench.hw.field.Cd;

/**
 * The translation-control half of CD dword 0 that arm_smmu_ctx_desc.tcr holds: a 4 KiB
 * granule, write-back inner-shareable walks, TTB1 disabled, AArch64 tables.
 */
public final class CdTcr {
    /** ARM_LPAE_TCR_RGN_WBWA. */
    static final int RGN_WBWA = 1;
    /** ARM_LPAE_TCR_SH_IS. */
    static final int SH_IS = 3;

    private CdTcr() {}

    /** {@code vaBits}: input size; {@code paBits}: output size (IPS, same encoding as OAS). */
    public static long build(int vaBits, int paBits) {
        return Cd.T0SZ.maskedValue(64 - vaBits)
                | Cd.TG0.maskedValue(Cd.TG0_4K)
                | Cd.IRGN0.maskedValue(RGN_WBWA)
                | Cd.ORGN0.maskedValue(RGN_WBWA)
                | Cd.SH0.maskedValue(SH_IS)
                | Cd.EPD1.maskedValue(1)
                | Cd.AA64.maskedValue(1)
                | Cd.IPS.maskedValue(ipsCode(paBits));
    }

    static int ipsCode(int paBits) {
        return switch (paBits) {
            case 32 -> 0;
            case 36 -> 1;
            case 40 -> 2;
            case 42 -> 3;
            case 44 -> 4;
            case 48 -> 5;
            default -> 6;
        };
    }
}
