package org.smmubench.iommu;

import org.smmubench.mm.Mm;

/**
 * struct iommu_domain. Drivers extend it (arm_smmu_domain embeds one in the kernel); the 6.8
 * arm-smmu-v3 SVA domain is a bare instance with its own ops.
 */
public class IommuDomain {
    public IommuDomainType type;
    public DomainOps ops;
    public IommuOps owner;
    /** SVA domains: the mm they share (the core holds an mmgrab on it). */
    public Mm mm;
    /** SVA domains: how many group PASID attachments use this domain (iommu_sva_bind_device). */
    public int users;
    /**
     * domain->pgsize_bitmap: the page sizes the domain maps with. arm_smmu_domain_finalise sets
     * it from io-pgtable; an SVA domain has what arm_smmu_sva_domain_alloc gives it (nothing
     * before 12f78021973a). __arm_smmu_tlb_inv_range takes its leaf size from the lowest bit.
     */
    public long pgsizeBitmap;
    private final int id;

    public IommuDomain(int id) { this.id = id; }

    /** A stable number for traces and dumps (allocation order within one bench). */
    public int id() { return id; }

    @Override
    public String toString() { return type + " domain #" + id; }
}
