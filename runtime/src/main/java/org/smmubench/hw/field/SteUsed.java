package org.smmubench.hw.field;

/**
 * arm_smmu_get_ste_used and arm_smmu_get_ste_update_safe: which STE bits the Linux entry
 * writer believes the SMMU reads for a given entry, and which used bits it may change without
 * sequencing. They sit next to the field declarations so that the driver's writer, the
 * write-order invariants and the hardware-decode tests all share one definition.
 *
 * <p>The kernel grew this function over time; each constant is one shape of it:
 * <ul>
 * <li>{@link #V6_10}: as read at torvalds/linux be7c90de39fd (arm-smmu-v3.c, a 6.11-cycle
 *     commit that still has the 6.10 STE used bits: S1DSS fixed, no SHCFG for S1).</li>
 * <li>{@link #V6_11}: adds SHCFG to the S1 used bits when S1DSS=BYPASS (the 6.11 S1DSS work;
 *     text read in the 6.18.y copy, release attribution from the 6.11 KUnit cases
 *     s1dssbypass_to_stebypass / stebypass_to_s1dssbypass).</li>
 * <li>{@link #V6_18}: as read at atlanticdg/linux-6.18.y 6c3dcfd01987: MEV in the S1 and S2
 *     sets, S2FWB and S2S in the S2 set.</li>
 * </ul>
 */
public enum SteUsed {
    V6_10(false, false),
    V6_11(true, false),
    V6_18(true, true);

    /** SHCFG is used by an S1 STE whose S1DSS is BYPASS (non-PASID traffic skips stage 1). */
    private final boolean shcfgOnS1dssBypass;
    /** MEV (S1 and S2), S2FWB and S2S (S2) are part of the used sets. */
    private final boolean mevS2fwbS2s;

    SteUsed(boolean shcfgOnS1dssBypass, boolean mevS2fwbS2s) {
        this.shcfgOnS1dssBypass = shcfgOnS1dssBypass;
        this.mevS2fwbS2s = mevS2fwbS2s;
    }

    /** STRTAB_STE_2_VTCR: the kernel treats the stage-2 translation controls as one group. */
    public static final long VTCR_MASK = Ste.S2T0SZ.mask() | Ste.S2SL0.mask() | Ste.S2IR0.mask()
            | Ste.S2OR0.mask() | Ste.S2SH0.mask() | Ste.S2TG.mask() | Ste.S2PS.mask();

    /** arm_smmu_get_ste_used: fills {@code used} (length {@link Ste#DWORDS}, zeroed here first). */
    public void get(long[] ent, long[] used) {
        java.util.Arrays.fill(used, 0);
        used[0] = Ste.V.mask();
        if (!Ste.V.isSet(ent)) return;
        used[0] |= Ste.CONFIG.mask();
        long cfg = Ste.CONFIG.get(ent);
        if ((cfg & 1) != 0) { // stage 1 translates
            used[0] |= Ste.S1FMT.mask() | Ste.S1_CONTEXT_PTR.mask() | Ste.S1CDMAX.mask();
            used[1] |= Ste.S1DSS.mask() | Ste.S1CIR.mask() | Ste.S1COR.mask() | Ste.S1CSH.mask()
                    | Ste.S1STALLD.mask() | Ste.STRW.mask() | Ste.EATS.mask();
            if (mevS2fwbS2s) used[1] |= Ste.MEV.mask();
            used[2] |= Ste.S2VMID.mask();
            if (shcfgOnS1dssBypass && Ste.S1DSS.get(ent) == Ste.S1DSS_BYPASS) used[1] |= Ste.SHCFG.mask();
        }
        if ((cfg & 2) != 0) { // stage 2 translates
            used[1] |= Ste.EATS.mask() | Ste.SHCFG.mask();
            if (mevS2fwbS2s) used[1] |= Ste.S2FWB.mask() | Ste.MEV.mask();
            used[2] |= Ste.S2VMID.mask() | VTCR_MASK | Ste.S2AA64.mask() | Ste.S2ENDI.mask()
                    | Ste.S2PTW.mask() | Ste.S2R.mask();
            if (mevS2fwbS2s) used[2] |= Ste.S2S.mask();
            used[3] |= Ste.S2TTB.mask();
        }
        if (cfg == Ste.CONFIG_BYPASS) used[1] |= Ste.SHCFG.mask();
    }

    public long[] of(long[] ent) {
        long[] used = new long[Ste.DWORDS];
        get(ent, used);
        return used;
    }

    /**
     * arm_smmu_get_ste_update_safe (2781f2a930ab, read in the 6.18.y copy): EATS=TRANS may
     * change in place unless S1CHK or S2S is involved on either side (the attach code has ATS
     * disabled at the PCI level while EATS changes), and MEV may always change in place (it only
     * affects how fault records are merged). ORs into {@code safe}.
     */
    public static void updateSafe(long[] cur, long[] target, long[] safe) {
        long s1chk = Ste.EATS.maskedValue(Ste.EATS_S1CHK);
        long trans = Ste.EATS.maskedValue(Ste.EATS_TRANS);
        if (((cur[1] | target[1]) & s1chk) == 0 && ((cur[2] | target[2]) & Ste.S2S.mask()) == 0) {
            safe[1] |= trans;
        }
        safe[1] |= Ste.MEV.mask();
    }
}
