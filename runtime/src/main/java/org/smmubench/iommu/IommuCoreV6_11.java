package org.smmubench.iommu;

import org.smmubench.kernel.ErrPtr;
import org.smmubench.kernel.Errno;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Gfp;
import org.smmubench.kernel.KernelFunction;
import org.smmubench.mm.Mm;

/**
 * iommu-sva.c and the PASID attach of iommu.c as v6.11 has them: the SVA handle is an
 * iommu_attach_handle kept in the group's pasid_array (the mm's sva_handles list is gone), so a
 * second bind finds it by the mm's PASID; the SVA domain comes from the driver's
 * domain_alloc_sva(dev, mm) and its error is returned as is; iommu_attach_device_pasid takes the
 * handle, refuses IOMMU_NO_PASID and a PASID past any group device's max_pasids (c404f55c26fc,
 * v6.9), and undoes only its own work on failure (b025dea63cde, v6.10).
 *
 * <p>Read: iommu-sva.c in Kingxukai/linux @ 0291023e7330 (a ~6.16 mainline tree whose bind and
 * unbind have this attach-handle shape; domain->cookie_type and the iopf handler are not
 * modelled), and the attach-handle diffs of that series in the code corpus.
 * iommu.c at 6.11 was not read as a whole: iommu_attach_device_pasid is the b025dea63cde and
 * c404f55c26fc versions with the handle stored where the domain was. The v6.11 tag was not read.
 * It extends v6.10's class, whose only version (iommu_attach_device_pasid) it replaces in turn.
 */
public class IommuCoreV6_11 extends IommuCoreV6_10 {
    public IommuCoreV6_11(IommuCore core) {
        super(core);
    }

    IommuCoreV6_11 fn(String kernelFunction) { return (IommuCoreV6_11) core.functions().get(kernelFunction); }

    /** iommu_attach_device_pasid without a handle (callers other than SVA pass NULL). */
    @Override
    protected int iommuAttachDevicePasid(IommuDomain domain, Device dev, int pasid) {
        return attachDevicePasid(domain, dev, pasid, null);
    }

    /**
     * iommu_attach_device_pasid (v6.11): the handle (when given) names the domain and is what
     * pasid_array holds; every group device must cover the PASID.
     */
    @KernelFunction("iommu_attach_device_pasid")
    protected int attachDevicePasid(IommuDomain domain, Device dev, int pasid, IommuSva handle) {
        try (Frame f = k.enter("iommu_attach_device_pasid")) {
            if (domain.ops == null || !domain.ops.hasSetDevPasid()) return -Errno.EOPNOTSUPP;
            IommuGroup group = dev.group;
            if (group == null) return -Errno.ENODEV;
            if (domain.owner != core.ops || pasid == 0) return -Errno.EINVAL;
            group.mutex.lock();
            try {
                for (Device d : group.devices) if (pasid >= d.maxPasids) return -Errno.EINVAL;
                if (handle != null) handle.domain = domain;
                if (group.pasidArray.containsKey(pasid)) return -Errno.EBUSY;
                group.pasidArray.put(pasid, domain);
                if (handle != null) group.pasidHandles.put(pasid, handle);
                int ret = core.iommuSetGroupPasid(domain, group, pasid);
                if (ret != 0) {
                    group.pasidArray.remove(pasid);
                    group.pasidHandles.remove(pasid);
                }
                return ret;
            } finally {
                group.mutex.unlock();
            }
        }
    }

    /** iommu_attach_handle_get(group, pasid, IOMMU_DOMAIN_SVA): the handle there, -ENOENT if none, -EBUSY if another type. */
    ErrPtr<IommuSva> attachHandleGet(IommuGroup group, int pasid) {
        try (Frame f = k.enter("iommu_attach_handle_get")) {
            IommuDomain d = group.pasidArray.get(pasid);
            IommuSva h = group.pasidHandles.get(pasid);
            if (d == null || h == null) return ErrPtr.err(-Errno.ENOENT);
            if (d.type != IommuDomainType.SVA) return ErrPtr.err(-Errno.EBUSY);
            return ErrPtr.of(h);
        }
    }

    /** iommu_sva_domain_alloc (v6.11): the driver's domain_alloc_sva, typed and tied to the mm here. */
    @KernelFunction("iommu_sva_domain_alloc")
    protected ErrPtr<IommuDomain> iommuSvaDomainAlloc(Device dev, Mm mm) {
        try (Frame f = k.enter("iommu_sva_domain_alloc")) {
            ErrPtr<IommuDomain> dom = core.ops.domainAllocSva(dev, mm);
            if (dom.isErr()) return dom;
            IommuDomain d = dom.get();
            d.type = IommuDomainType.SVA;
            mm.mmgrab();
            d.mm = mm;
            d.owner = core.ops;
            return dom;
        }
    }

    /**
     * iommu_sva_bind_device (v6.11): a handle already at the mm's PASID in the device's group
     * takes another user (whichever group device it was made for); otherwise a new handle is
     * attached through an existing SVA domain of the mm or a new one.
     */
    @Override
    protected ErrPtr<IommuSva> iommuSvaBindDevice(Device dev, Mm mm) {
        try (Frame f = k.enter("iommu_sva_bind_device")) {
            IommuGroup group = dev.group;
            if (group == null || dev.iommuPriv == null) return ErrPtr.err(-Errno.ENODEV);
            core.iommuSvaLock().lock();
            try {
                ErrPtr<IommuMm> data = core.iommuAllocMmData(mm, dev);
                if (data.isErr()) return ErrPtr.err(data.err());
                IommuMm iommuMm = data.get();
                ErrPtr<IommuSva> existing = attachHandleGet(group, iommuMm.pasid);
                if (!existing.isErr()) {
                    IommuSva h = existing.get();
                    if (h.domain.mm != mm) return ErrPtr.err(-Errno.EBUSY);
                    h.users++;
                    return existing;
                }
                if (existing.err() != -Errno.ENOENT) return ErrPtr.err(existing.err());
                IommuSva handle = k.kzalloc(null, dev.name(), Gfp.GFP_KERNEL, IommuSva::new);
                if (handle == null) return ErrPtr.err(-Errno.ENOMEM);
                IommuDomain domain = null;
                for (IommuDomain d : iommuMm.svaDomains) {
                    if (fn("iommu_attach_device_pasid").attachDevicePasid(d, dev, iommuMm.pasid, handle) == 0) {
                        d.users++;
                        domain = d;
                        break;
                    }
                }
                if (domain == null) {
                    ErrPtr<IommuDomain> dom = fn("iommu_sva_domain_alloc").iommuSvaDomainAlloc(dev, mm);
                    if (dom.isErr()) {
                        k.kfree(handle);
                        return ErrPtr.err(dom.err());
                    }
                    domain = dom.get();
                    int ret = fn("iommu_attach_device_pasid").attachDevicePasid(domain, dev, iommuMm.pasid, handle);
                    if (ret != 0) {
                        core.iommuDomainFree(domain);
                        k.kfree(handle);
                        return ErrPtr.err(ret);
                    }
                    domain.users = 1;
                    iommuMm.svaDomains.add(0, domain);
                }
                handle.users = 1;
                handle.dev = dev;
                return ErrPtr.of(handle);
            } finally {
                core.iommuSvaLock().unlock();
            }
        }
    }

    /** iommu_sva_unbind_device (v6.11): the last user detaches the PASID (which drops the attach handle) and frees the handle. */
    @Override
    protected void iommuSvaUnbindDevice(IommuSva handle) {
        try (Frame f = k.enter("iommu_sva_unbind_device")) {
            IommuDomain domain = handle.domain;
            IommuMm iommuMm = core.derefIommuMm(domain.mm);
            core.iommuSvaLock().lock();
            try {
                if (!refcountDecAndTest(handle)) return;
                detachAndPut(domain, handle.dev, iommuMm);
            } finally {
                core.iommuSvaLock().unlock();
            }
            k.kfree(handle);
        }
    }
}
