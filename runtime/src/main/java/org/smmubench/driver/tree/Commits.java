package org.smmubench.driver.tree;

import java.util.List;

import org.smmubench.driver.InvBeforeEb6c97647be2;
import org.smmubench.driver.InvCode;
import org.smmubench.driver.sva.ArmSmmuSva;
import org.smmubench.driver.sva.SvaAfterAe91f6552c30;
import org.smmubench.driver.sva.SvaBefore95d4782c34a6;
import org.smmubench.driver.sva.SvaBeforeB5bf7778b722;
import org.smmubench.driver.sva.SvaBeforeD5afb4b47e13;
import org.smmubench.iommu.IommuCore;
import org.smmubench.iommu.IommuCoreAfterB025dea63cde;
import org.smmubench.mm.MmBefore6bbd42e2df8f;
import org.smmubench.mm.MmWorld;

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
    static final String ARM_SMMU_V3_C = "drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c";
    static final String ARM64_TLBFLUSH_H = "arch/arm64/include/asm/tlbflush.h";

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

    public static final Commit D5AFB4B47E13 = new Commit("d5afb4b47e13",
            "iommu/arm-smmu-v3: Fix soft lockup triggered by arm_smmu_mm_invalidate_range",
            "",
            "v6.8", true,
            List.of(SVA_C),
            List.of("arm_smmu_mm_arch_invalidate_secondary_tlbs"),
            "v6.6-rc4 (stable 5.15/6.1/6.5); reverting it sends every range, however large, as per-page"
                    + " TLBIs when the SMMU lacks RANGE_INV, instead of one TLBI by ASID past CMDQ_MAX_TLBI_OPS pages",
            List.of(new Patch<>(ArmSmmuSva.class, SvaBeforeD5afb4b47e13.class, SvaBeforeD5afb4b47e13::new)));

    public static final Commit C95D4782C34A6 = new Commit("95d4782c34a6",
            "iommu/arm-smmu-v3: Fix size calculation in arm_smmu_mm_invalidate_range()",
            "2f7e8c553e98 (\"iommu/arm-smmu-v3: Hook up ATC invalidation to mm ops\")",
            "v6.8", true,
            List.of(SVA_C),
            List.of("arm_smmu_mm_arch_invalidate_secondary_tlbs"),
            "v5.18; reverting it onto v6.8 (an analogue: only the size line, end - start + 1) makes the"
                    + " RANGE_INV loop of __arm_smmu_tlb_inv_range never end",
            List.of(new Patch<>(ArmSmmuSva.class, SvaBefore95d4782c34a6.class, SvaBefore95d4782c34a6::new)));

    public static final Commit EB6C97647BE2 = new Commit("eb6c97647be2",
            "iommu/arm-smmu-v3: Avoid constructing invalid range commands",
            "6833b8f2e199 (\"iommu/arm-smmu-v3: Set TTL invalidation hint better\")",
            "v6.8", true,
            List.of(ARM_SMMU_V3_C),
            List.of("__arm_smmu_tlb_inv_range"),
            "v6.6-rc4 (stable 5.15/6.1/6.5); reverting it lets an SVA (non-leaf) range of one page mod 32 build a range TLBI"
                    + " with TTL, NUM and SCALE all 0, which the model's SMMU rejects as ILLEGAL (the spec text was not checked)",
            List.of(new Patch<>(InvCode.class, InvBeforeEb6c97647be2.class, InvBeforeEb6c97647be2::new)));

    public static final Commit AE91F6552C30 = new Commit("ae91f6552c30",
            "iommu/arm-smmu-v3: Check that the RID domain is S1 in SVA",
            "386fa64fd52b (\"arm-smmu-v3/sva: Add SVA domain support\")",
            "v6.8", false,
            List.of(SVA_C),
            List.of("__arm_smmu_sva_bind"),
            "v6.9-rc1 (stable 6.6 took it; 6.8-stable not checked); a bind whose RID domain is not a paging S1 domain (an"
                    + " IDENTITY default domain) fails with -ENODEV before it allocates anything, instead of reaching"
                    + " arm_smmu_write_ctx_desc's WARN on the missing CD table",
            List.of(new Patch<>(ArmSmmuSva.class, SvaAfterAe91f6552c30.class, SvaAfterAe91f6552c30::new)));

    public static final Commit C6BBD42E2DF8F = new Commit("6bbd42e2df8f",
            "mmu_notifiers: call invalidate_range() when invalidating TLBs",
            "",
            "v6.8", true,
            List.of(ARM64_TLBFLUSH_H),
            List.of("flush_tlb_page"),
            "v6.6-rc1 (mm tree); reverting it makes arm64's flush_tlb_page invalidate only the CPU TLB, so a PTE"
                    + " upgraded by ptep_set_access_flags leaves the SMMU's read-only entry cached (the commit also moved"
                    + " range flushes' notification into the arch code; the model's munmap path notifies either way)",
            List.of(new Patch<>(MmWorld.class, MmBefore6bbd42e2df8f.class, MmBefore6bbd42e2df8f::new)));

    /** Every modelled commit, in the order listings show them. */
    public static List<Commit> all() {
        return List.of(B5BF7778B722, B025DEA63CDE, D5AFB4B47E13, C95D4782C34A6, EB6C97647BE2, AE91F6552C30, C6BBD42E2DF8F);
    }

    /** The commits a tree on {@code base} may revert or apply. */
    public static List<Commit> of(String base) { return all().stream().filter(c -> c.base().equals(base)).toList(); }
}
