package org.smmubench.driver;

import org.smmubench.mm.Mm;

/**
 * struct arm_smmu_ctx_desc: what a CD says. A DMA domain's private CD has no mm (written with
 * ASET: a private ASID); an SVA shared CD carries the mm and the CPU's ASID.
 */
public final class CtxDesc {
    /** 0 means "none" (never allocated, or the sentinel quiet_cd). */
    public int asid;
    public long ttbr;
    /** The CD dword-0 translation-control bits (T0SZ, TG0, IRGN0, ORGN0, SH0, EPD1, IPS, AA64). */
    public long tcr;
    public long mair;
    public int refs;
    public Mm mm;
    /** The arm_smmu_domain this CD is embedded in (private CDs only): container_of in the kernel. */
    public ArmSmmuDomain ownerDomain;

    @Override
    public String toString() {
        return (mm != null ? "shared cd of " + mm.name() : "private cd") + " asid " + asid;
    }
}
