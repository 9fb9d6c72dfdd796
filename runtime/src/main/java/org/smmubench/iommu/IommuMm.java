package org.smmubench.iommu;

import java.util.ArrayList;
import java.util.List;

/** struct iommu_mm_data (mm->iommu_mm): the mm's global PASID, its SVA domains and handles. */
public final class IommuMm {
    public final int pasid;
    public final List<IommuDomain> svaDomains = new ArrayList<>();
    public final List<IommuSva> svaHandles = new ArrayList<>();

    IommuMm(int pasid) { this.pasid = pasid; }
}
