package org.smmubench.iommu;

import org.smmubench.kernel.ErrPtr;
import org.smmubench.kernel.Errno;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Gfp;
import org.smmubench.mm.Mm;

/**
 * iommu_sva_bind_device and iommu_sva_unbind_device as e37d5a2d60a3 ("iommu/sva: invalidate
 * stale IOTLB entries for kernel address space") left them on v6.18: a global list of the mms
 * that have an SVA domain, iommu_sva_mms, and a flag iommu_sva_present saying it is not empty,
 * both under iommu_sva_lock, so that a kernel page-table change can invalidate every SVA
 * context. Bind puts the mm's iommu_mm_data on the list with its first SVA domain; unbind takes
 * it off when the last one goes, but checks that after iommu_domain_free, whose mmdrop may free
 * the mm and with it (mm_pasid_drop) the iommu_mm_data it then reads: the use after free that
 * 06e14c36e20b fixes.
 *
 * <p>Read: the v3 posting of the change ("iommu/sva: Invalidate KVA range on kernel TLB flush",
 * Aug 2025, with these two hunks), and the fix's description (06e14c36e20b: "iommu_domain_free()
 * could transitively free iommu_mm via mmdrop(), yet the code immediately after then accessed
 * iommu_mm->sva_domains"). The bind hunk matches a stored post-fix copy of iommu-sva.c (whose
 * iommu_sva_invalidate_kva_range walks the list under iommu_sva_lock, as merged); the merged
 * unbind before the fix was not read, so it is taken to be the posting's.
 * iommu_sva_invalidate_kva_range and the arch hook that calls it are not modelled: the bench
 * has no kernel page tables.
 */
public class IommuCoreAfterE37d5a2d60a3 extends IommuCoreV6_18 {
    public IommuCoreAfterE37d5a2d60a3(IommuCore core) {
        super(core);
    }

    /**
     * iommu_sva_bind_device (after e37d5a2d60a3): v6.18's, and a new SVA domain that is the
     * mm's first puts the mm on iommu_sva_mms (setting iommu_sva_present with the first mm).
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
                    if (iommuMm.svaDomains.isEmpty()) {
                        if (core.iommuSvaMms.isEmpty()) core.iommuSvaPresent = true;
                        core.iommuSvaMms.add(0, iommuMm);
                    }
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

    /**
     * iommu_sva_unbind_device (after e37d5a2d60a3): the last user detaches the PASID and, with
     * the domain's last device, frees the domain; then, if the mm has no SVA domain left, its
     * data leaves iommu_sva_mms. That check reads the iommu_mm_data the free may have freed.
     */
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
                    core.iommuDomainFree(domain);
                }
                // iommu_mm is the pointer read at entry: after the free above it may be gone.
                k.checkUse(iommuMm);
                if (iommuMm.svaDomains.isEmpty()) {
                    core.iommuSvaMms.remove(iommuMm);
                    if (core.iommuSvaMms.isEmpty()) core.iommuSvaPresent = false;
                }
            } finally {
                core.iommuSvaLock().unlock();
            }
            k.kfree(handle);
        }
    }
}
