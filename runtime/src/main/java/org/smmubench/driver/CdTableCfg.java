package org.smmubench.driver;

import org.smmubench.kernel.DmaBuffer;

/** struct arm_smmu_ctx_desc_cfg (master->cd_table): the master's own CD table since v6.7. */
public final class CdTableCfg {
    /** The linear CD array or the L1 descriptor array; null until the first S1 attach. */
    public DmaBuffer cdtab;
    /** Two-level only: the leaves, by L1 index. */
    public L1CtxDesc[] l1Desc;
    public int numL1Ents;
    public int s1fmt;
    public int s1cdmax;
    public boolean stallEnabled;
    /**
     * used_ssids: how many CDs other than IOMMU_NO_PASID are valid, kept by
     * arm_smmu_write_cd_entry on generations that have it (see EntryGeneration#cdUsedSsids).
     */
    public int usedSsids;
    /** 6.11+: the master's STE points at this table (set by arm_smmu_install_ste_for_dev). */
    public boolean inSte;

    public boolean allocated() { return cdtab != null; }
}
