package org.smmubench.driver.sva;

import org.smmubench.driver.ArmSmmuDomain;
import org.smmubench.driver.Feature;
import org.smmubench.driver.InvCode;
import org.smmubench.kernel.Frame;
import org.smmubench.mm.Mm;

/**
 * arm_smmu_mm_arch_invalidate_secondary_tlbs as at the parent of d5afb4b47e13 ("Fix soft
 * lockup triggered by arm_smmu_mm_invalidate_range", v6.6-rc4): every range goes to
 * arm_smmu_tlb_inv_range_asid, so without RANGE_INV a 1 GiB munmap queues one TLBI_NH_VA per
 * 4 KiB page (262144 commands) with no schedule point. Installed by reverting d5afb4b47e13
 * from v6.8. The function already had this name and the end - start size then (6bbd42e2df8f
 * and 95d4782c34a6 predate it), so apart from the fix itself the parent's version matches
 * v6.8's. Not checked against the parent's source: whether the whole-mm flush (size
 * ULONG_MAX) was also special-cased before the fix; the bench's modelled flows never send one.
 */
public final class SvaBeforeD5afb4b47e13 extends SvaFunctions {
    public SvaBeforeD5afb4b47e13(ArmSmmuSva sva) {
        super(sva);
    }

    @Override
    protected void mmArchInvalidateSecondaryTlbs(ArmSmmuMmuNotifier smmuMn, Mm mm, long start, long end) {
        try (Frame f = k.enter("arm_smmu_mm_arch_invalidate_secondary_tlbs")) {
            ArmSmmuDomain smmuDomain = smmuMn.domain;
            long size = end - start;
            if (!smmuDomain.smmu.has(Feature.BTM)) {
                inv().tlbInvRangeAsid(start, size, smmuMn.cd.asid, InvCode.PAGE_SIZE, false, smmuDomain);
            }
            inv().atcInvDomain(smmuDomain, mm.mmGetEnqcmdPasid(), start, size);
        }
    }
}
