package org.smmubench.iommu;

import org.smmubench.kernel.Frame;

/**
 * iommu_sva_unbind_device as 06e14c36e20b ("iommu/sva: Fix crash in iommu_sva_unbind_device()")
 * left it: every access to the mm's iommu_mm_data (dropping the domain from its list, and the
 * mm from iommu_sva_mms once it has no SVA domain) happens before iommu_domain_free, whose
 * mmdrop may free the mm and the data with it.
 *
 * <p>Read: the fix's description ("The fix reorders operations so all iommu_mm accesses
 * complete before iommu_domain_free() is called") and a stored copy of a post-fix iommu-sva.c
 * (an annotated tree the search tool does not name), whose unbind does, with the domain's last
 * user: list_del of the domain, the iommu_sva_mms removal when the mm has no SVA domain left,
 * then iommu_domain_free. The fix's own diff was not read.
 */
public class IommuCoreAfter06e14c36e20b extends IommuCoreAfterE37d5a2d60a3 {
    public IommuCoreAfter06e14c36e20b(IommuCore core) {
        super(core);
    }

    /** iommu_sva_unbind_device (after 06e14c36e20b): the iommu_mm bookkeeping, then the domain's free. */
    @Override
    protected void iommuSvaUnbindDevice(IommuSva handle) {
        try (Frame f = k.enter("iommu_sva_unbind_device")) {
            IommuDomain domain = handle.domain;
            IommuMm iommuMm = core.derefIommuMm(domain.mm);
            core.iommuSvaLock().lock();
            try {
                if (!refcountDecAndTest(handle)) return;
                core.iommuDetachDevicePasid(domain, handle.dev, iommuMm.pasid);
                if (--domain.users == 0) {
                    iommuMm.svaDomains.remove(domain);
                    if (iommuMm.svaDomains.isEmpty()) {
                        core.iommuSvaMms.remove(iommuMm);
                        if (core.iommuSvaMms.isEmpty()) core.iommuSvaPresent = false;
                    }
                    core.iommuDomainFree(domain);
                }
            } finally {
                core.iommuSvaLock().unlock();
            }
            k.kfree(handle);
        }
    }
}
