package org.smmubench.driver.sva;

import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.EntryGeneration;
import org.smmubench.driver.Feature;
import org.smmubench.driver.InvCode;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.kernel.Errno;
import org.smmubench.kernel.ErrPtr;
import org.smmubench.kernel.Frame;
import org.smmubench.mm.Mm;

/**
 * arm-smmu-v3-sva.c as v6.18 has it, where it differs from v6.11: with the SVA device feature
 * gone (cfea71aea921 and 7c8896dd4a2a, v6.16: no arm_smmu_master_enable_sva, no sva_enabled,
 * IOPF enabled by arm_smmu_attach_prepare instead), arm_smmu_sva_domain_alloc and
 * arm_smmu_sva_set_dev_pasid each check ARM_SMMU_FEAT_SVA on the master's SMMU and refuse with
 * -EOPNOTSUPP; the domain gets pgsize_bitmap = PAGE_SIZE (12f78021973a, v6.15); set_dev_pasid
 * takes the old domain and hands it to arm_smmu_set_pasid (the core passes NULL on a fresh
 * attach, which is the only attach the bench makes at a PASID).
 *
 * <p>Unchanged from v6.11 as read: the SVA CD (arm_smmu_make_sva_cd), mmget_not_zero around the
 * attach, mm_release over the domain's own list, invalidate_secondary_tlbs with the
 * CMDQ_MAX_TLBI_OPS rule, domain_free and the SRCU free.
 *
 * <p>Read: Kingxukai/linux arm-smmu-v3-sva.c @ 0291023e7330 (a ~6.16 mainline tree: the whole
 * file). The 6.18 text of this file was not readable; the 6.18.y arm-smmu-v3.c read for
 * {@link org.smmubench.driver.ArmSmmuV6_18} calls it with the same signatures. The
 * system_supports_bbml2_noabort check that tree adds to arm_smmu_sva_supported concerns the
 * CPU, which the bench does not model.
 *
 */
public class SvaV6_18 extends SvaV6_11 {
    public SvaV6_18(ArmSmmuSva sva) {
        super(sva, EntryGeneration.V6_18);
    }

    /** arm_smmu_sva_domain_alloc (v6.18): -EOPNOTSUPP unless the SMMU has FEAT_SVA, then as in v6.11 with pgsize_bitmap = PAGE_SIZE. */
    @Override
    protected ErrPtr<IommuDomain> svaDomainAlloc(Device dev, Mm mm) {
        try (Frame f = k.enter("arm_smmu_sva_domain_alloc")) {
            ArmSmmuMaster master = ArmSmmuV3.master(dev);
            if (!master.smmu.has(Feature.SVA)) return ErrPtr.err(-Errno.EOPNOTSUPP);
            return allocSvaDomain(dev, mm, InvCode.PAGE_SIZE);
        }
    }

    /** arm_smmu_sva_set_dev_pasid (v6.18): -EOPNOTSUPP unless the SMMU has FEAT_SVA, then as in v6.11. */
    @Override
    protected int svaSetDevPasid(IommuDomain domain, Device dev, int id) {
        try (Frame f = k.enter("arm_smmu_sva_set_dev_pasid")) {
            ArmSmmuMaster master = ArmSmmuV3.master(dev);
            if (!master.smmu.has(Feature.SVA)) return -Errno.EOPNOTSUPP;
            return setSvaPasid(domain, dev, id);
        }
    }
}
