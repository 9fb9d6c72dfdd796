package org.smmubench.iommu;

import org.smmubench.kernel.ErrPtr;
import org.smmubench.kernel.Errno;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Gfp;
import org.smmubench.mm.Mm;

/**
 * iommu_sva_bind_device as before 9991a82a3817 ("iommu/sva: Fix memory leak in
 * iommu_sva_bind_device()"): when iommu_sva_domain_alloc fails, the error path jumps past the
 * kfree of the handle just allocated, so it leaks. Installed by reverting 9991a82a3817 from
 * v6.8. Upstream the fix came before 65d4418c5002 and 6384c56c99d9 in the same release, so
 * this is v6.8's function (handle sharing included) with only that jump undone: an analogue
 * of the merge-window code, not a historical tree.
 */
public final class IommuCoreBefore9991a82a3817 extends IommuCoreFunctions {
    public IommuCoreBefore9991a82a3817(IommuCore core) {
        super(core);
    }

    /** iommu_sva_bind_device (before 9991a82a3817): the domain-allocation failure leaks the handle. */
    @Override
    protected ErrPtr<IommuSva> iommuSvaBindDevice(Device dev, Mm mm) {
        try (Frame f = k.enter("iommu_sva_bind_device")) {
            if (dev.iommuPriv == null) return ErrPtr.err(-Errno.ENODEV);
            core.iommuSvaLock().lock();
            try {
                ErrPtr<IommuMm> data = core.iommuAllocMmData(mm, dev);
                if (data.isErr()) return ErrPtr.err(data.err());
                IommuMm iommuMm = data.get();
                IommuSva shared = findHandle(iommuMm, dev);
                if (shared != null) {
                    shared.users++;
                    return ErrPtr.of(shared);
                }
                IommuSva handle = k.kzalloc(null, dev.name(), Gfp.GFP_KERNEL, IommuSva::new);
                if (handle == null) return ErrPtr.err(-Errno.ENOMEM);

                IommuDomain domain = attachExistingDomain(iommuMm, dev);
                if (domain == null) {
                    domain = core.iommuSvaDomainAlloc(dev, mm);
                    // goto out_unlock: the handle is not freed.
                    if (domain == null) return ErrPtr.err(-Errno.ENOMEM);
                    int ret = core.iommuAttachDevicePasid(domain, dev, iommuMm.pasid);
                    if (ret != 0) {
                        core.iommuDomainFree(domain);
                        k.kfree(handle);
                        return ErrPtr.err(ret);
                    }
                    domain.users = 1;
                    iommuMm.svaDomains.add(domain);
                }
                handle.users = 1;
                iommuMm.svaHandles.add(handle);
                handle.dev = dev;
                handle.domain = domain;
                return ErrPtr.of(handle);
            } finally {
                core.iommuSvaLock().unlock();
            }
        }
    }
}
