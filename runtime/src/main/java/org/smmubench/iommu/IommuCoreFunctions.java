package org.smmubench.iommu;

import org.smmubench.kernel.ErrPtr;
import org.smmubench.kernel.Errno;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Gfp;
import org.smmubench.kernel.Kernel;
import org.smmubench.kernel.KernelFunction;
import org.smmubench.mm.Mm;

/**
 * The functions of drivers/iommu/iommu.c and iommu-sva.c (the two files {@link IommuCore}
 * models) that modelled upstream commits change, as v6.8 released them. A commit subclasses this and overrides the functions it touched;
 * {@link IommuCore} calls each through its {@link org.smmubench.kernel.FunctionTable}.
 */
public class IommuCoreFunctions {
    protected final IommuCore core;
    protected final Kernel k;

    public IommuCoreFunctions(IommuCore core) {
        this.core = core;
        this.k = core.kernel();
    }

    /**
     * iommu_attach_device_pasid (v6.8): claim the PASID for the whole group, then set_dev_pasid
     * on every device; on failure, remove_dev_pasid on every group device (before b025dea63cde)
     * and release the PASID.
     */
    @KernelFunction("iommu_attach_device_pasid")
    protected int iommuAttachDevicePasid(IommuDomain domain, Device dev, int pasid) {
        try (Frame f = k.enter("iommu_attach_device_pasid")) {
            if (domain.ops == null || !domain.ops.hasSetDevPasid()) return -Errno.EOPNOTSUPP;
            IommuGroup group = dev.group;
            if (group == null) return -Errno.ENODEV;
            if (domain.owner != core.ops) return -Errno.EINVAL;
            group.mutex.lock();
            try {
                if (group.pasidArray.containsKey(pasid)) return -Errno.EBUSY;
                group.pasidArray.put(pasid, domain);
                int ret = core.iommuSetGroupPasid(domain, group, pasid);
                if (ret != 0) {
                    core.iommuRemoveGroupPasid(group, pasid);
                    group.pasidArray.remove(pasid);
                }
                return ret;
            } finally {
                group.mutex.unlock();
            }
        }
    }

    /** __iommu_set_group_pasid (v6.8): set_dev_pasid on each device in list order, stopping at the first error. */
    @KernelFunction("__iommu_set_group_pasid")
    protected int iommuSetGroupPasid(IommuDomain domain, IommuGroup group, int pasid) {
        try (Frame f = k.enter("__iommu_set_group_pasid")) {
            for (Device d : group.devices) {
                int ret = core.setDevPasid(domain, d, pasid);
                if (ret != 0) return ret;
            }
            return 0;
        }
    }

    /** __iommu_remove_group_pasid (v6.8): remove_dev_pasid on every group device. */
    @KernelFunction("__iommu_remove_group_pasid")
    protected void iommuRemoveGroupPasid(IommuGroup group, int pasid) {
        try (Frame f = k.enter("__iommu_remove_group_pasid")) {
            for (Device d : group.devices) core.ops.removeDevPasid(d, pasid);
        }
    }

    /**
     * iommu_sva_bind_device (v6.8, iommu-sva.c): a (dev, mm) that already has a handle takes
     * another reference on it (65d4418c5002, as 6384c56c99d9 corrected it); otherwise a new
     * handle, attached through an SVA domain of the mm that accepts the device or a new one.
     * Every failure after the kzalloc frees the handle (9991a82a3817).
     */
    @KernelFunction("iommu_sva_bind_device")
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
                    iommuMm.svaDomains.add(domain);
                }
                // out: every successful path lists the handle with one user.
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

    /** The list walk over mm->iommu_mm->sva_handles for a handle of {@code dev}. */
    protected static IommuSva findHandle(IommuMm iommuMm, Device dev) {
        for (IommuSva h : iommuMm.svaHandles) if (h.dev == dev) return h;
        return null;
    }

    /**
     * Whether iommu_sva_bind_device's contract has the caller enable IOMMU_DEV_FEAT_SVA first
     * (its kerneldoc up to v6.15: "iommu_dev_enable_feature(dev, IOMMU_DEV_FEAT_SVA) must be
     * called first"), so an SVA-capable device driver does so at probe.
     */
    protected boolean bindNeedsDevFeatureSva() { return true; }

    /** The walk over the mm's SVA domains: the first that attaches to dev at the mm's PASID takes a user. */
    protected IommuDomain attachExistingDomain(IommuMm iommuMm, Device dev) {
        for (IommuDomain d : iommuMm.svaDomains) {
            if (core.iommuAttachDevicePasid(d, dev, iommuMm.pasid) == 0) {
                d.users++;
                return d;
            }
        }
        return null;
    }

    /** iommu_sva_unbind_device (v6.8): drop a handle reference; the last one detaches the PASID. */
    @KernelFunction("iommu_sva_unbind_device")
    protected void iommuSvaUnbindDevice(IommuSva handle) {
        try (Frame f = k.enter("iommu_sva_unbind_device")) {
            IommuDomain domain = handle.domain;
            IommuMm iommuMm = core.derefIommuMm(domain.mm);
            core.iommuSvaLock().lock();
            try {
                if (!refcountDecAndTest(handle)) return;
                iommuMm.svaHandles.remove(handle);
                detachAndPut(domain, handle.dev, iommuMm);
            } finally {
                core.iommuSvaLock().unlock();
            }
            k.kfree(handle);
        }
    }

    /**
     * refcount_dec_and_test on handle->users: true when it dropped to zero. Decrementing a
     * count that is already zero is refcount_t's underflow: it WARNs, saturates and returns
     * false, so the caller keeps everything the handle holds.
     */
    protected boolean refcountDecAndTest(IommuSva handle) {
        if (k.warnOn(handle.users <= 0, "refcount_t: underflow; use-after-free.")) return false;
        return --handle.users == 0;
    }

    /** The tail of unbind: detach the PASID from dev, and free the domain with its last device. */
    protected void detachAndPut(IommuDomain domain, Device dev, IommuMm iommuMm) {
        core.iommuDetachDevicePasid(domain, dev, iommuMm.pasid);
        if (--domain.users == 0) {
            iommuMm.svaDomains.remove(domain);
            core.iommuDomainFree(domain);
        }
    }
}
