package org.smmubench.driver;

import org.smmubench.kernel.DmaBuffer;

/** struct arm_smmu_l1_ctx_desc: the CPU's record of one 64 KiB CD leaf (null until allocated). */
public final class L1CtxDesc {
    public DmaBuffer l2ptr;
}
