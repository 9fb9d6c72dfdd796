package org.smmubench.driver.sva;

import org.smmubench.driver.ArmSmmuDomain;
import org.smmubench.driver.Feature;
import org.smmubench.driver.InvCode;
import org.smmubench.kernel.Frame;
import org.smmubench.mm.Mm;

/**
 * arm_smmu_mm_arch_invalidate_secondary_tlbs with the invalidation order of the parent of
 * 353e3cf8590c ("iommu/arm-smmu-v3: Fix ATC invalidation ordering wrt main TLBs", v5.4):
 * the endpoint ATCs first, the SMMU TLB after. Between the two CMD_SYNCs a device's ATS
 * translation request misses its ATC, is served from the SMMU TLB that still holds the old
 * entry, and refills the ATC with it; the TLBI that follows never touches ATCs, so the stale
 * entry outlives the munmap.
 *
 * <p>A v6.8 ANALOGUE. The commit reordered arm_smmu_tlb_inv_range and
 * arm_smmu_tlb_inv_context, the DMA-domain paths of v5.3 (SVA did not exist yet); the bench
 * models the SVA path only, whose callback was written later with the fixed order. Reverting
 * 353e3cf8590c from v6.8 therefore gives this callback the parent's order; everything else is
 * v6.8's. The ordering rule is b5e86196b83f's message (read from the 5.2/5.3 stable mails);
 * the 353e3cf8590c diff itself was not read.
 */
public final class SvaBefore353e3cf8590c extends SvaFunctions {
    public SvaBefore353e3cf8590c(ArmSmmuSva sva) {
        super(sva);
    }

    @Override
    protected void mmArchInvalidateSecondaryTlbs(ArmSmmuMmuNotifier smmuMn, Mm mm, long start, long end) {
        try (Frame f = k.enter("arm_smmu_mm_arch_invalidate_secondary_tlbs")) {
            ArmSmmuDomain smmuDomain = smmuMn.domain;
            long size = end - start;
            if (!smmuDomain.smmu.has(Feature.RANGE_INV)) {
                if (size >= InvCode.CMDQ_MAX_TLBI_OPS * InvCode.PAGE_SIZE) size = 0;
            } else if (size == -1L) {
                size = 0;
            }
            // The parent's order: ATC first, so the TLB can refill it before it is invalidated.
            inv().atcInvDomain(smmuDomain, mm.mmGetEnqcmdPasid(), start, size);
            if (!smmuDomain.smmu.has(Feature.BTM)) {
                if (size == 0) inv().tlbInvAsid(smmuDomain.smmu, smmuMn.cd.asid);
                else inv().tlbInvRangeAsid(start, size, smmuMn.cd.asid, InvCode.PAGE_SIZE, false, smmuDomain);
            }
        }
    }
}
