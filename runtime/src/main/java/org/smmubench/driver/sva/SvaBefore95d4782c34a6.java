package org.smmubench.driver.sva;

import org.smmubench.driver.ArmSmmuDomain;
import org.smmubench.driver.Feature;
import org.smmubench.driver.InvCode;
import org.smmubench.kernel.Frame;
import org.smmubench.mm.Mm;

/**
 * arm_smmu_mm_arch_invalidate_secondary_tlbs with the size computed as before 95d4782c34a6
 * ("Fix size calculation in arm_smmu_mm_invalidate_range()"): end - start + 1, as if mm's end
 * were inclusive. It is exclusive, so the size is one byte more than a page multiple. With
 * RANGE_INV, __arm_smmu_tlb_inv_range's range loop then runs out of pages one byte short of
 * end: its next command covers nothing, iova stops moving, and the loop never ends (the
 * commit's "dead loop"). Without RANGE_INV the extra byte costs one extra TLBI, which is benign.
 *
 * <p>An ANALOGUE, not the historical tree: 95d4782c34a6 fixed arm_smmu_mm_invalidate_range in
 * v5.18, before 6bbd42e2df8f renamed the callback and before d5afb4b47e13 added the
 * CMDQ_MAX_TLBI_OPS clamp; this class reverts only the size line onto v6.8's function and keeps
 * the rest of v6.8 (the clamp, and the whole-mm flush, whose end - start + 1 wraps to 0 = all).
 */
public final class SvaBefore95d4782c34a6 extends SvaFunctions {
    public SvaBefore95d4782c34a6(ArmSmmuSva sva) {
        super(sva);
    }

    @Override
    protected void mmArchInvalidateSecondaryTlbs(ArmSmmuMmuNotifier smmuMn, Mm mm, long start, long end) {
        try (Frame f = k.enter("arm_smmu_mm_arch_invalidate_secondary_tlbs")) {
            ArmSmmuDomain smmuDomain = smmuMn.domain;
            long size = end - start + 1;
            if (!smmuDomain.smmu.has(Feature.RANGE_INV)) {
                if (size >= InvCode.CMDQ_MAX_TLBI_OPS * InvCode.PAGE_SIZE) size = 0;
            } else if (size == -1L) {
                size = 0;
            }
            if (!smmuDomain.smmu.has(Feature.BTM)) {
                if (size == 0) inv().tlbInvAsid(smmuDomain.smmu, smmuMn.cd.asid);
                else inv().tlbInvRangeAsid(start, size, smmuMn.cd.asid, InvCode.PAGE_SIZE, false, smmuDomain);
            }
            inv().atcInvDomain(smmuDomain, mm.mmGetEnqcmdPasid(), start, size);
        }
    }
}
