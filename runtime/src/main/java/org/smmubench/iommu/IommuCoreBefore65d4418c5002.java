package org.smmubench.iommu;

import org.smmubench.kernel.ErrPtr;
import org.smmubench.kernel.Errno;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Gfp;
import org.smmubench.mm.Mm;

/**
 * iommu_sva_bind_device and iommu_sva_unbind_device as 092edaddb660 ("iommu: Support mm PASID
 * 1:n with sva domains") left them in v6.8-rc1 to rc5, before 65d4418c5002 ("iommu/sva:
 * Restore SVA handle sharing"): every bind allocates a fresh handle and no bind looks for an
 * existing one, so a second bind of the same (device, mm) finds the PASID taken in every
 * domain's attach and fails -EBUSY; every unbind detaches the PASID. Installed by reverting
 * 65d4418c5002, which needs 6384c56c99d9 (written on top of it) reverted first.
 */
public final class IommuCoreBefore65d4418c5002 extends IommuCoreFunctions {
    public IommuCoreBefore65d4418c5002(IommuCore core) {
        super(core);
    }

    /** iommu_sva_bind_device (v6.8-rc1): no handle lookup, no users count, no handle list. */
    @Override
    protected ErrPtr<IommuSva> iommuSvaBindDevice(Device dev, Mm mm) {
        try (Frame f = k.enter("iommu_sva_bind_device")) {
            if (dev.iommuPriv == null) return ErrPtr.err(-Errno.ENODEV);
            core.iommuSvaLock().lock();
            try {
                ErrPtr<IommuMm> data = core.iommuAllocMmData(mm, dev);
                if (data.isErr()) return ErrPtr.err(data.err());
                IommuMm iommuMm = data.get();
                IommuSva handle = k.kzalloc(null, dev.name(), Gfp.GFP_KERNEL, IommuSva::withoutRefcount);
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
                    iommuMm.svaDomains.add(domain);
                }
                handle.dev = dev;
                handle.domain = domain;
                return ErrPtr.of(handle);
            } finally {
                core.iommuSvaLock().unlock();
            }
        }
    }

    /** iommu_sva_unbind_device (v6.8-rc1): every unbind detaches the PASID from the device. */
    @Override
    protected void iommuSvaUnbindDevice(IommuSva handle) {
        try (Frame f = k.enter("iommu_sva_unbind_device")) {
            IommuDomain domain = handle.domain;
            IommuMm iommuMm = core.derefIommuMm(domain.mm);
            core.iommuSvaLock().lock();
            try {
                detachAndPut(domain, handle.dev, iommuMm);
            } finally {
                core.iommuSvaLock().unlock();
            }
            k.kfree(handle);
        }
    }
}
