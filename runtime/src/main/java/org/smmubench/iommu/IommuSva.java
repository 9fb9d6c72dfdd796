package org.smmubench.iommu;

/** struct iommu_sva: the handle iommu_sva_bind_device returns; shared by repeated binds (6.8-rc6). */
public final class IommuSva {
    public Device dev;
    public IommuDomain domain;
    public int users;
}
