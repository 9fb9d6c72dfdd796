package org.smmubench.iommu;

import org.smmubench.kernel.ErrPtr;

/** struct iommu_ops: the per-driver entry points the core calls (v6.8 shape). */
public interface IommuOps {
    /** probe_device: returns the driver's per-device state (dev->iommu->priv). */
    ErrPtr<Object> probeDevice(Device dev);

    void releaseDevice(Device dev);

    /** domain_alloc: a new, unattached domain of {@code type}, or null. */
    IommuDomain domainAlloc(IommuDomainType type);

    /**
     * domain_alloc_sva (the 6.10 core added it, 80af5a45; arm-smmu-v3 has it from 6.11): an SVA
     * domain for (dev, mm), or an errno. Only a core from 6.11 calls it.
     */
    default ErrPtr<IommuDomain> domainAllocSva(Device dev, org.smmubench.mm.Mm mm) {
        return ErrPtr.err(-org.smmubench.kernel.Errno.EOPNOTSUPP);
    }

    /** ops->blocked_domain: the driver's static BLOCKED domain, or null when it has none. */
    default IommuDomain blockedDomain() { return null; }

    /** remove_dev_pasid(dev, pasid) (6.8: no domain argument). */
    void removeDevPasid(Device dev, int pasid);

    int devEnableFeat(Device dev, IommuDevFeature feat);

    int devDisableFeat(Device dev, IommuDevFeature feat);

    /** dev->iommu->max_pasids as the driver's iommu_device advertises it (1 << ssid_bits). */
    int maxPasids();
}
