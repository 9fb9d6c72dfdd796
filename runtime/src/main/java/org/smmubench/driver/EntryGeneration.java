package org.smmubench.driver;

import org.smmubench.hw.field.SteUsed;

/**
 * The seam between kernel generations of the STE/CD entry writer: everything in which
 * v6.10, v6.11 and the 6.18.y stable tree differ for arm_smmu_write_entry, the used-bit
 * functions and the make functions. A kernel tree picks one constant; the writer and the make
 * functions read only these switches, never a version number.
 *
 * <p>Read at: torvalds/linux be7c90de39fd (arm-smmu-v3.c, 6.11 cycle, still the 6.10 writer and
 * used bits) and 56e1a4cc2588 (arm-smmu-v3-test.c, v6.10); atlanticdg/linux-6.18.y 6c3dcfd01987
 * (arm-smmu-v3.c); torvalds/linux arm-smmu-v3-test.c as stored under 1331fb664044 (22 cases).
 * The 6.11 release text itself could not be read: {@link #V6_11} is the 6.10 text plus the S1DSS
 * change as it reads in 6.18.y, which the 6.11 KUnit cases (3b5302cb) exercise. {@link #V6_18}
 * is the 6.18.y text without the get_update_safe op: 2781f2a930ab is a January 2026 fix that
 * reached 6.18.y as a stable backport, after the v6.18 tag (November 2025). The v6.18 tag's own
 * arm-smmu-v3.c was not readable here.
 */
public enum EntryGeneration {
    /** v6.10: STE writer (6.9) and CD writer (6.10); S1DSS always SSID0. */
    V6_10(SteUsed.V6_10, false, true, false, false, false, false),
    /** v6.11: make_cdtable_ste takes S1DSS; SHCFG is used (and set) for S1DSS=BYPASS. */
    V6_11(SteUsed.V6_11, false, true, true, false, false, true),
    /**
     * The v6.18 tag: the 6.18.y used bits and make functions, and no get_update_safe op (so the
     * "nothing used changed but a store is still due" WARN is still there, as in v6.10).
     */
    V6_18(SteUsed.V6_18, false, true, true, true, true, true),
    /**
     * 6.18.y as stored in 2026: MEV/S2FWB/S2S in the used bits, S2S for stalling S2 masters,
     * HA/HD for dirty tracking, and the get_update_safe op of 2781f2a930ab (backported).
     */
    V6_18_Y(SteUsed.V6_18, true, false, true, true, true, true);

    public final SteUsed steUsed;
    /** The STE writer has a get_update_safe op (2781f2a930ab). */
    public final boolean steUpdateSafe;
    /**
     * WARN_ON_ONCE when no used bit changes but entry_set still stores something. 2781f2a930ab
     * dropped it: with safe bits, that path legitimately changes bits.
     */
    public final boolean warnOnStoreWithoutUsedChange;
    /** arm_smmu_make_cdtable_ste takes s1dss (6.11); before, S1DSS is always SSID0. */
    public final boolean cdtableS1dss;
    /**
     * arm_smmu_make_s2_domain_ste sets S2S for a stalling master and S2FWB for the io-pgtable
     * quirk. Absent at be7c90de39fd, present in 6.18.y; the release in between that added them
     * was not pinned down.
     */
    public final boolean s2StallAndFwb;
    /** arm_smmu_make_s1_cd sets HA|HD for the ARM_HD io-pgtable quirk (absent at be7c90de39fd, present in 6.18.y). */
    public final boolean s1CdDirtyTracking;
    /**
     * arm_smmu_write_cd_entry counts valid non-zero SSIDs in cd_table.used_ssids. Present at
     * be7c90de and in 6.18.y; the reference puts its arrival in 6.11, so v6.10 runs without it
     * (not verified on a 6.10 text).
     */
    public final boolean cdUsedSsids;

    EntryGeneration(SteUsed steUsed, boolean steUpdateSafe, boolean warnOnStoreWithoutUsedChange,
            boolean cdtableS1dss, boolean s2StallAndFwb, boolean s1CdDirtyTracking, boolean cdUsedSsids) {
        this.steUsed = steUsed;
        this.steUpdateSafe = steUpdateSafe;
        this.warnOnStoreWithoutUsedChange = warnOnStoreWithoutUsedChange;
        this.cdtableS1dss = cdtableS1dss;
        this.s2StallAndFwb = s2StallAndFwb;
        this.s1CdDirtyTracking = s1CdDirtyTracking;
        this.cdUsedSsids = cdUsedSsids;
    }
}
