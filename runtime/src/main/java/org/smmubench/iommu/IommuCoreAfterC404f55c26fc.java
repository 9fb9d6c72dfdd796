package org.smmubench.iommu;

import org.smmubench.kernel.Errno;
import org.smmubench.kernel.Frame;

/**
 * iommu_attach_device_pasid after c404f55c26fc ("iommu: Validate the PASID in
 * iommu_attach_device_pasid()", v6.9-rc2, taken by 6.8-stable): with the group mutex held it
 * refuses -EINVAL a PASID at or beyond any group device's max_pasids, before claiming the
 * slot. A device without PASID support has max_pasids 0, so any group holding one refuses
 * every PASID: b3f6fcd8404f fixed that. Installed by applying c404f55c26fc to v6.8; the rest
 * of the function is v6.8's (the rollback through __iommu_remove_group_pasid included).
 */
public final class IommuCoreAfterC404f55c26fc extends IommuCoreFunctions {
    public IommuCoreAfterC404f55c26fc(IommuCore core) {
        super(core);
    }

    /** iommu_attach_device_pasid (after c404f55c26fc): every group device must cover the PASID. */
    @Override
    protected int iommuAttachDevicePasid(IommuDomain domain, Device dev, int pasid) {
        try (Frame f = k.enter("iommu_attach_device_pasid")) {
            if (domain.ops == null || !domain.ops.hasSetDevPasid()) return -Errno.EOPNOTSUPP;
            IommuGroup group = dev.group;
            if (group == null) return -Errno.ENODEV;
            if (domain.owner != core.ops) return -Errno.EINVAL;
            group.mutex.lock();
            try {
                for (Device d : group.devices) if (pasid >= d.maxPasids) return -Errno.EINVAL;
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
}
