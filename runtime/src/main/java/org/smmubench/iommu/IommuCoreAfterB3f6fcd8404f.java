package org.smmubench.iommu;

import org.smmubench.kernel.Errno;
import org.smmubench.kernel.Frame;

/**
 * The three functions b3f6fcd8404f ("iommu: Skip PASID validation for devices without PASID
 * capability", v6.15-rc7) changed, as after it: a group device with max_pasids 0 is left out
 * of the PASID validation, of set_dev_pasid and of remove_dev_pasid, since it never issues a
 * PASID-tagged transaction. Installed by applying it after c404f55c26fc, which it fixes and
 * was written on top of, to v6.8. The function bodies are v6.8's (before b025dea63cde: the
 * set loop stops at the first error and the caller undoes the whole group), so this is the
 * change carried onto v6.8, not a historical tree: 6.8-stable had ended before it was merged.
 * The three hunks are those of the v3 posting and the stable backports; the merged tree
 * itself was not read.
 */
public final class IommuCoreAfterB3f6fcd8404f extends IommuCoreFunctions {
    public IommuCoreAfterB3f6fcd8404f(IommuCore core) {
        super(core);
    }

    /** iommu_attach_device_pasid (after b3f6fcd8404f): only PASID-capable devices must cover the PASID. */
    @Override
    protected int iommuAttachDevicePasid(IommuDomain domain, Device dev, int pasid) {
        try (Frame f = k.enter("iommu_attach_device_pasid")) {
            if (domain.ops == null || !domain.ops.hasSetDevPasid()) return -Errno.EOPNOTSUPP;
            IommuGroup group = dev.group;
            if (group == null) return -Errno.ENODEV;
            if (domain.owner != core.ops) return -Errno.EINVAL;
            group.mutex.lock();
            try {
                for (Device d : group.devices) if (d.maxPasids > 0 && pasid >= d.maxPasids) return -Errno.EINVAL;
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

    /** __iommu_set_group_pasid (after b3f6fcd8404f): set_dev_pasid only on PASID-capable devices. */
    @Override
    protected int iommuSetGroupPasid(IommuDomain domain, IommuGroup group, int pasid) {
        try (Frame f = k.enter("__iommu_set_group_pasid")) {
            for (Device d : group.devices) {
                if (d.maxPasids == 0) continue;
                int ret = core.setDevPasid(domain, d, pasid);
                if (ret != 0) return ret;
            }
            return 0;
        }
    }

    /** __iommu_remove_group_pasid (after b3f6fcd8404f): remove_dev_pasid only on PASID-capable devices. */
    @Override
    protected void iommuRemoveGroupPasid(IommuGroup group, int pasid) {
        try (Frame f = k.enter("__iommu_remove_group_pasid")) {
            for (Device d : group.devices) if (d.maxPasids > 0) core.ops.removeDevPasid(d, pasid);
        }
    }
}
