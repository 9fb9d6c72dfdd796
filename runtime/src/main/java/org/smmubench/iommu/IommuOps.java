package org.smmubench.iommu;

import org.smmubench.kernel.ErrPtr;

/** struct iommu_ops: the per-driver entry points the core calls (v6.8 shape). */
public interface IommuOps {
    /** probe_device: returns the driver's per-device state (dev->iommu->priv). */
    ErrPtr<Object> probeDevice(Device dev);

    void releaseDevice(Device dev);

    /** domain_alloc: a new, unattached domain of {@code type}, or null. */
    IommuDomain domainAlloc(IommuDomainType type);

    /** remove_dev_pasid(dev, pasid) (6.8: no domain argument). */
    void removeDevPasid(Device dev, int pasid);

    int devEnableFeat(Device dev, IommuDevFeature feat);

    int devDisableFeat(Device dev, IommuDevFeature feat);

    /** dev->iommu->max_pasids as the driver's iommu_device advertises it (1 << ssid_bits). */
    int maxPasids();
}
