package org.smmubench.driver;

import org.smmubench.kernel.DmaBuffer;

/** struct arm_smmu_strtab_cfg: the stream table as the driver laid it out. */
public final class StrtabCfg {
    public DmaBuffer strtab;
    /** Two-level: the L2 tables by L1 index (null until a master with such a SID is probed). */
    public DmaBuffer[] l1Desc;
    public int numL1Ents;
    public long strtabBaseCfg;
    public boolean twoLevel;
}
