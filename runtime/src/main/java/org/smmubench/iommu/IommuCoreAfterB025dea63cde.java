package org.smmubench.iommu;

import org.smmubench.kernel.Errno;
import org.smmubench.kernel.Frame;

/**
 * The two functions b025dea63cde ("iommu: Undo pasid attachment only for the devices that have
 * succeeded", v6.10) changed, as after it: __iommu_set_group_pasid undoes its own partial work,
 * calling remove_dev_pasid only on the devices before the one that failed, and
 * iommu_attach_device_pasid no longer calls __iommu_remove_group_pasid on failure. Installed
 * by applying b025dea63cde to v6.8.
 *
 * <p>In mainline it landed just before d2f85a263883 ("iommu: Pass domain to remove_dev_pasid()
 * op"), so the undo loop calls the two-argument op, as the 6.8 one is; the driver finds the
 * domain in the group's pasid_array, which still holds it while the undo runs.
 */
public class IommuCoreAfterB025dea63cde extends IommuCoreFunctions {
    public IommuCoreAfterB025dea63cde(IommuCore core) {
        super(core);
    }

    /** iommu_attach_device_pasid (after b025dea63cde): on failure only the PASID slot is released. */
    @Override
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
                if (ret != 0) group.pasidArray.remove(pasid);
                return ret;
            } finally {
                group.mutex.unlock();
            }
        }
    }

    /**
     * __iommu_set_group_pasid (after b025dea63cde): on the first failure, remove_dev_pasid on
     * the devices before the failing one, in list order, then return the error.
     */
    @Override
    protected int iommuSetGroupPasid(IommuDomain domain, IommuGroup group, int pasid) {
        try (Frame f = k.enter("__iommu_set_group_pasid")) {
            for (int i = 0; i < group.devices.size(); i++) {
                int ret = core.setDevPasid(domain, group.devices.get(i), pasid);
                if (ret == 0) continue;
                for (Device done : group.devices.subList(0, i)) core.ops.removeDevPasid(done, pasid);
                return ret;
            }
            return 0;
        }
    }
}
