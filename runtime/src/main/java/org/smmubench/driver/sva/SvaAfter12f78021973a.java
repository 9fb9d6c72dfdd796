package org.smmubench.driver.sva;

import org.smmubench.driver.InvCode;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.kernel.ErrPtr;
import org.smmubench.kernel.Frame;
import org.smmubench.mm.Mm;

/**
 * arm_smmu_sva_domain_alloc as 12f78021973a ("iommu/arm-smmu-v3: Fix pgsize_bit for sva
 * domains") left it on v6.11: the SVA domain's pgsize_bitmap is PAGE_SIZE, so the range
 * invalidations of its notifier use the page size as their leaf size. Read: the fix's message
 * and its one-line hunk as carried by the Android 6.12 tree (maade93791/kernel_common-6.12 @
 * 0c10203ea93f) and by Kingxukai/linux @ 0291023e7330.
 */
public class SvaAfter12f78021973a extends SvaV6_11 {
    public SvaAfter12f78021973a(ArmSmmuSva sva) {
        super(sva);
    }

    /** arm_smmu_sva_domain_alloc (after 12f78021973a): v6.11's, with pgsize_bitmap = PAGE_SIZE. */
    @Override
    protected ErrPtr<IommuDomain> svaDomainAlloc(Device dev, Mm mm) {
        try (Frame f = k.enter("arm_smmu_sva_domain_alloc")) {
            return allocSvaDomain(dev, mm, InvCode.PAGE_SIZE);
        }
    }
}
