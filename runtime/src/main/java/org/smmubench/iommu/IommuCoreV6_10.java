package org.smmubench.iommu;

import org.smmubench.kernel.Errno;
import org.smmubench.kernel.Frame;

/**
 * The PASID attach of iommu.c as v6.10 has it: c404f55c26fc (v6.9-rc2) validates the PASID
 * against every group device's max_pasids under the group mutex, and b025dea63cde (v6.10-rc1)
 * undoes a failed attach only on the devices that took it. A PASID-less device (max_pasids 0)
 * in the group still refuses every PASID with -EINVAL: b3f6fcd8404f, which skips such devices,
 * came in v6.15.
 *
 * <p>Read: iommu_attach_device_pasid in an iommu.c that has both commits (the group-device loop
 * before the xa_cmpxchg of the pasid_array, and only xa_erase on failure), and the two commits'
 * own diffs. Not read: iommu.c at the v6.10 tag; its other checks (dev_has_iommu, a PASID of
 * IOMMU_NO_PASID) are not modelled, as no bench step can reach them.
 */
public class IommuCoreV6_10 extends IommuCoreAfterB025dea63cde {
    public IommuCoreV6_10(IommuCore core) {
        super(core);
    }

    /** iommu_attach_device_pasid (v6.10): every group device must cover the PASID; on failure only the slot is released. */
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
                if (ret != 0) group.pasidArray.remove(pasid);
                return ret;
            } finally {
                group.mutex.unlock();
            }
        }
    }
}
