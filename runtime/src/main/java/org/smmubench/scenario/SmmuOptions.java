package org.smmubench.scenario;

/**
 * The {@code smmu:} block of a scenario (docs/format.md): what the modelled SMMUv3 advertises.
 * Defaults are the interface's defaults.
 */
public record SmmuOptions(boolean twoLevelCdTable, boolean twoLevelStreamTable, int ssidBits,
                          int sidBits, int asidBits, boolean ats, boolean stall, boolean rangeInv) {
    public static SmmuOptions defaults() {
        return new SmmuOptions(true, true, 20, 16, 16, false, false, false);
    }

    /**
     * Why a process's CPU ASID cannot go with this SMMU, or null. The SMMU shares the CPU's
     * ASID in the CD it writes for the mm; an ASID wider than {@code asid-bits} does not fit,
     * and an SMMU with fewer ASID bits than the CPU (16) cannot do SVA at all
     * (arm_smmu_sva_supported), which is worth saying before the binds fail with ENODEV.
     */
    public String asidProblem(long asid) {
        if (asid < (1L << asidBits)) return null;
        return "asid " + asid + " does not fit the SMMU's " + asidBits + "-bit ASIDs (smmu asid-bits: " + asidBits
                + "); such an SMMU cannot share the CPU's 16-bit ASIDs, so it cannot do SVA (binds fail with ENODEV)";
    }
}
