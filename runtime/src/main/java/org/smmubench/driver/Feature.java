package org.smmubench.driver;

/** ARM_SMMU_FEAT_*: what arm_smmu_device_hw_probe found (kernel-sva.md §1.1). */
public enum Feature {
    TWO_LVL_STRTAB, TWO_LVL_CDTAB, TT_LE, TT_BE, PRI, ATS, SEV, MSI, COHERENCY, TRANS_S1, TRANS_S2,
    STALLS, HYP, STALL_FORCE, VAX, RANGE_INV, BTM, SVA, E2H, NESTING,
    /** IDR1.ATTR_TYPES_OVR: STE attribute overrides such as SHCFG exist (read by the 6.9+ make functions). */
    ATTR_TYPES_OVR
}
