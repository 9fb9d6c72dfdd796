package org.smmubench.driver;

import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuDomain;

/**
 * What arm-smmu-v3.c calls in arm-smmu-v3-sva.c. Each driver variant implements it; the rest
 * of the driver is shared (docs/trees.md).
 */
public interface SvaOps {
    /** arm_smmu_sva_domain_alloc. */
    IommuDomain svaDomainAlloc();

    /** arm_smmu_sva_domain_alloc(dev, mm) (6.11+, the domain_alloc_sva op), as the tree has it. */
    org.smmubench.kernel.ErrPtr<IommuDomain> svaDomainAllocSva(Device dev, org.smmubench.mm.Mm mm);

    /** arm_smmu_sva_remove_dev_pasid. */
    void svaRemoveDevPasid(IommuDomain domain, Device dev, int id);

    boolean masterSvaSupported(ArmSmmuMaster master);

    boolean masterSvaEnabled(ArmSmmuMaster master);

    int masterEnableSva(ArmSmmuMaster master);

    int masterDisableSva(ArmSmmuMaster master);
}
