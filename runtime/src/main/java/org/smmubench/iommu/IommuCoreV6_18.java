package org.smmubench.iommu;

import org.smmubench.kernel.Errno;
import org.smmubench.kernel.Frame;

/**
 * iommu-sva.c and the PASID attach/detach of iommu.c as v6.18 has them, where they differ from
 * v6.11:
 * <ul>
 * <li>a PASID is removed by iommu_remove_dev_pasid, which sets the driver's blocked domain on it
 *     with the old domain as argument (WARN if that fails): the remove_dev_pasid op is gone
 *     (Yi Liu's PASID-replace series, v6.14);
 * <li>a group device without PASID support (max_pasids 0) is skipped by the PASID validation,
 *     by set_dev_pasid and by the removal (b3f6fcd8404f, v6.15-rc7);
 * <li>the SVA device feature is gone (7c8896dd4a2a, v6.16): iommu_sva_bind_device no longer
 *     asks its caller to enable IOMMU_DEV_FEAT_SVA first.
 * </ul>
 * iommu_sva_bind_device and iommu_sva_unbind_device keep the v6.11 attach-handle shape: the
 * global iommu_sva_mms list and iommu_sva_present flag of e37d5a2d60a3 came after the tag
 * (6.18.y stable and 6.19, per the stable reviews; inferred, not read in a tagged tree), so a
 * tree applies it: {@code v6.18+e37d5a2d60a3}.
 *
 * <p>Read: iommu-sva.c in Kingxukai/linux @ 0291023e7330 (~6.16 mainline, the whole file);
 * iommu_remove_dev_pasid and __iommu_set_group_pasid from the PASID-replace series' patch mails
 * (the version that only calls the blocked domain's set_dev_pasid, after the remove_dev_pasid op
 * was dropped); b3f6fcd8404f from its posting. Not read: iommu.c at the v6.18 tag.
 */
public class IommuCoreV6_18 extends IommuCoreV6_11 {
    public IommuCoreV6_18(IommuCore core) {
        super(core);
    }

    @Override
    protected boolean bindNeedsDevFeatureSva() { return false; }

    /**
     * iommu_attach_device_pasid (v6.18): as v6.11, but only PASID-capable group devices must
     * cover the PASID (b3f6fcd8404f).
     */
    @Override
    protected int attachDevicePasid(IommuDomain domain, Device dev, int pasid, IommuSva handle) {
        try (Frame f = k.enter("iommu_attach_device_pasid")) {
            if (domain.ops == null || !domain.ops.hasSetDevPasid()) return -Errno.EOPNOTSUPP;
            IommuGroup group = dev.group;
            if (group == null) return -Errno.ENODEV;
            if (domain.owner != core.ops || pasid == 0) return -Errno.EINVAL;
            group.mutex.lock();
            try {
                for (Device d : group.devices) if (d.maxPasids > 0 && pasid >= d.maxPasids) return -Errno.EINVAL;
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

    /**
     * __iommu_set_group_pasid (v6.18): set_dev_pasid (old domain NULL) on each PASID-capable
     * device; on a failure, iommu_remove_dev_pasid on the PASID-capable devices before it.
     */
    @Override
    protected int iommuSetGroupPasid(IommuDomain domain, IommuGroup group, int pasid) {
        try (Frame f = k.enter("__iommu_set_group_pasid")) {
            for (int i = 0; i < group.devices.size(); i++) {
                Device d = group.devices.get(i);
                if (d.maxPasids == 0) continue;
                int ret = core.setDevPasid(domain, d, pasid);
                if (ret == 0) continue;
                for (Device done : group.devices.subList(0, i)) if (done.maxPasids > 0) removeDevPasid(done, pasid, domain);
                return ret;
            }
            return 0;
        }
    }

    /** __iommu_remove_group_pasid (v6.18): iommu_remove_dev_pasid on every PASID-capable device. */
    @Override
    protected void iommuRemoveGroupPasid(IommuGroup group, int pasid) {
        try (Frame f = k.enter("__iommu_remove_group_pasid")) {
            // The caller (iommu_detach_device_pasid) drops the pasid_array slot only afterwards.
            IommuDomain domain = group.pasidArray.get(pasid);
            for (Device d : group.devices) if (d.maxPasids > 0) removeDevPasid(d, pasid, domain);
        }
    }

    /** iommu_remove_dev_pasid: the driver's blocked domain replaces {@code domain} at the PASID; a failure WARNs. */
    private void removeDevPasid(Device dev, int pasid, IommuDomain domain) {
        try (Frame f = k.enter("iommu_remove_dev_pasid")) {
            IommuDomain blocked = core.ops.blockedDomain();
            int ret = blocked.ops.setDevPasid(blocked, dev, pasid, domain);
            k.warnOn(ret != 0, "iommu_remove_dev_pasid: the blocked domain's set_dev_pasid failed: " + Errno.name(-ret));
        }
    }
}
