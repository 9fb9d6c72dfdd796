package org.smmubench.driver.tree;

import java.util.List;

import org.smmubench.driver.sva.ArmSmmuSva;
import org.smmubench.driver.sva.SvaBeforeB5bf7778b722;
import org.smmubench.iommu.IommuCore;
import org.smmubench.iommu.IommuCoreAfterB025dea63cde;

/**
 * The upstream commits the bench models, each declared once. To add one: write the class
 * holding its versions of the functions it touched (a subclass of the file's function class,
 * e.g. {@code SvaFunctions}, overriding exactly those), then add its declaration here.
 * {@code CommitDeclarationsTest} checks that the class overrides exactly the declared functions.
 */
public final class Commits {
    private Commits() {}

    static final String SVA_C = "drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3-sva.c";
    static final String IOMMU_C = "drivers/iommu/iommu.c";

    public static final Commit B5BF7778B722 = new Commit("b5bf7778b722",
            "iommu/arm-smmu-v3: Do not use GFP_KERNEL under as spinlock",
            "24503148c545 (\"iommu/arm-smmu-v3: Refactor write_ctx_desc\")",
            "v6.8", true,
            List.of(SVA_C),
            List.of("arm_smmu_mmu_notifier_get", "arm_smmu_mmu_notifier_put", "__arm_smmu_sva_bind",
                    "arm_smmu_sva_remove_dev_pasid", "arm_smmu_sva_set_dev_pasid"),
            "in v6.8 (merged during its -rc cycle); reverting it brings back the CD write for every master of the RID domain under"
                    + " devices_lock, where a two-level CD table allocates its leaf with GFP_KERNEL",
            List.of(new Patch<>(ArmSmmuSva.class, SvaBeforeB5bf7778b722.class, SvaBeforeB5bf7778b722::new)));

    public static final Commit B025DEA63CDE = new Commit("b025dea63cde",
            "iommu: Undo pasid attachment only for the devices that have succeeded",
            "16603704559c (\"iommu: Add attach/detach_dev_pasid iommu interfaces\")",
            "v6.8", false,
            List.of(IOMMU_C),
            List.of("__iommu_set_group_pasid", "iommu_attach_device_pasid"),
            "v6.10-rc1; a failed group PASID attach calls remove_dev_pasid only on the devices that"
                    + " succeeded, not on every group device (whether 6.8-stable took it was not checked)",
            List.of(new Patch<>(IommuCore.class, IommuCoreAfterB025dea63cde.class, IommuCoreAfterB025dea63cde::new)));

    /** Every modelled commit, in the order listings show them. */
    public static List<Commit> all() { return List.of(B5BF7778B722, B025DEA63CDE); }

    /** The commits a tree on {@code base} may revert or apply. */
    public static List<Commit> of(String base) { return all().stream().filter(c -> c.base().equals(base)).toList(); }
}
