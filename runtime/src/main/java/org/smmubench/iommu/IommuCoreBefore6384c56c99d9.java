package org.smmubench.iommu;

import org.smmubench.kernel.ErrPtr;
import org.smmubench.kernel.Errno;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Gfp;
import org.smmubench.mm.Mm;

/**
 * iommu_sva_bind_device as v6.8-rc6 had it, before 6384c56c99d9 ("iommu/sva: Fix SVA handle
 * sharing in multi device case"): 65d4418c5002 set the handle's users count and listed it on
 * the mm only on the path that allocates a new domain. A device that joins a domain the mm
 * already has (a second device of the same process) gets a handle with users 0 that is on no
 * list, so its next bind cannot find it, and its unbind underflows the count. Installed by
 * reverting 6384c56c99d9 from v6.8; the rc6 iommu_sva_unbind_device equals v6.8's.
 */
public final class IommuCoreBefore6384c56c99d9 extends IommuCoreFunctions {
    public IommuCoreBefore6384c56c99d9(IommuCore core) {
        super(core);
    }

    /** iommu_sva_bind_device (v6.8-rc6): the existing-domain path skips the refcount_set and list_add. */
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
                    if (domain == null) {
                        k.kfree(handle);
                        return ErrPtr.err(-Errno.ENOMEM);
                    }
                    int ret = core.iommuAttachDevicePasid(domain, dev, iommuMm.pasid);
                    if (ret != 0) {
                        core.iommuDomainFree(domain);
                        k.kfree(handle);
                        return ErrPtr.err(ret);
                    }
                    domain.users = 1;
                    handle.users = 1;
                    iommuMm.svaDomains.add(domain);
                    iommuMm.svaHandles.add(handle);
                }
                // out: reached straight from the existing-domain walk too.
                handle.dev = dev;
                handle.domain = domain;
                return ErrPtr.of(handle);
            } finally {
                core.iommuSvaLock().unlock();
            }
        }
    }
}
