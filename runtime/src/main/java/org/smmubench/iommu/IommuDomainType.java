package org.smmubench.iommu;

/** The iommu_domain types the core distinguishes (IOMMU_DOMAIN_*). */
public enum IommuDomainType {
    BLOCKED, IDENTITY, UNMANAGED, DMA, DMA_FQ, SVA
}
