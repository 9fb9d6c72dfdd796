package org.smmubench.iommu;

/** The iommu_domain types the core distinguishes (IOMMU_DOMAIN_*). */
public enum IommuDomainType {
    BLOCKED, IDENTITY, UNMANAGED, DMA, DMA_FQ, SVA;

    /** Domains that translate through page tables the core or a user owns. */
    public boolean isPaging() { return this == UNMANAGED || this == DMA || this == DMA_FQ; }
}
