package org.smmubench.iommu;

/** enum iommu_dev_features. */
public enum IommuDevFeature { IOPF, SVA }
