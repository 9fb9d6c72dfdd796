package org.smmubench.iommu;

import java.util.ArrayList;
import java.util.List;

/** struct iommu_mm_data (mm->iommu_mm): the mm's global PASID, its SVA domains and handles. */
public final class IommuMm {
    /** IOMMU_PASID_INVALID (-1) from the kzalloc until iommu_alloc_mm_data assigns the PASID. */
    public int pasid = -1;
    public final List<IommuDomain> svaDomains = new ArrayList<>();
    public final List<IommuSva> svaHandles = new ArrayList<>();

    IommuMm() {}
}
