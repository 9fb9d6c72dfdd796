package org.smmubench.iommu;

import org.smmubench.kernel.Errno;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Kernel;
import org.smmubench.kernel.KernelFunction;

/**
 * The functions of drivers/iommu/iommu.c that modelled upstream commits change, as v6.8
 * released them. A commit subclasses this and overrides the functions it touched;
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
}
