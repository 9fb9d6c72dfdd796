package org.smmubench.driver.tree;

import java.util.List;

import org.smmubench.driver.ArmSmmuAfter9f7c68911579;
import org.smmubench.driver.ArmSmmuAfter685ca577b408;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.InvBeforeEb6c97647be2;
import org.smmubench.driver.InvCode;
import org.smmubench.driver.sva.ArmSmmuSva;
import org.smmubench.driver.sva.SvaAfter12f78021973a;
import org.smmubench.driver.sva.SvaAfterAe91f6552c30;
import org.smmubench.driver.sva.SvaBefore353e3cf8590c;
import org.smmubench.driver.sva.SvaBefore95d4782c34a6;
import org.smmubench.driver.sva.SvaBeforeB5bf7778b722;
import org.smmubench.driver.sva.SvaBeforeD5afb4b47e13;
import org.smmubench.iommu.IommuCore;
import org.smmubench.iommu.IommuCoreAfter06e14c36e20b;
import org.smmubench.iommu.IommuCoreAfterE37d5a2d60a3;
import org.smmubench.iommu.IommuCoreAfterB025dea63cde;
import org.smmubench.iommu.IommuCoreAfterB3f6fcd8404f;
import org.smmubench.iommu.IommuCoreAfterC404f55c26fc;
import org.smmubench.iommu.IommuCoreBefore6384c56c99d9;
import org.smmubench.iommu.IommuCoreBefore65d4418c5002;
import org.smmubench.iommu.IommuCoreBefore9991a82a3817;
import org.smmubench.mm.MmBefore2667ed10d9f0;
import org.smmubench.mm.MmBefore6bbd42e2df8f;
import org.smmubench.mm.MmWorld;

/**
 * The upstream commits the bench models, each declared once. To add one: write the class
 * holding its versions of the functions it touched (a subclass of the file's function class,
 * e.g. {@code SvaFunctions}, overriding exactly those), then add its declaration here.
 * {@code CommitDeclarationsTest} checks that the class overrides exactly the declared functions.
 * Each constant is its short hash in capitals, with a leading underscore when the hash starts
 * with a digit (a Java name cannot).
 */
public final class Commits {
    private Commits() {}

    static final String SVA_C = "drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3-sva.c";
    static final String IOMMU_C = "drivers/iommu/iommu.c";
    static final String IOMMU_SVA_C = "drivers/iommu/iommu-sva.c";
    static final String FORK_C = "kernel/fork.c";
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

    public static final Commit _9991A82A3817 = new Commit("9991a82a3817",
            "iommu/sva: Fix memory leak in iommu_sva_bind_device()",
            "092edaddb660 (\"iommu: Support mm PASID 1:n with sva domains\")",
            "v6.8", true,
            List.of(IOMMU_SVA_C),
            List.of("iommu_sva_bind_device"),
            "both it and the commit it fixes came in the v6.8 merge window, so no release had the leak; reverting it from"
                    + " v6.8 leaks the handle when iommu_sva_domain_alloc fails (an analogue: v6.8's bind with handle sharing)",
            List.of(new Patch<>(IommuCore.class, IommuCoreBefore9991a82a3817.class, IommuCoreBefore9991a82a3817::new)));

    public static final Commit _65D4418C5002 = new Commit("65d4418c5002",
            "iommu/sva: Restore SVA handle sharing",
            "092edaddb660 (\"iommu: Support mm PASID 1:n with sva domains\")",
            "v6.8", true,
            List.of(IOMMU_SVA_C),
            List.of("iommu_sva_bind_device", "iommu_sva_unbind_device"),
            "v6.8-rc6; reverting it gives the rc1..rc5 core, where a second bind of one (device, mm) fails -EBUSY."
                    + " 6384c56c99d9 was written on top of it, so a tree reverts that first: v6.8-6384c56c99d9-65d4418c5002",
            List.of(new Patch<>(IommuCore.class, IommuCoreBefore65d4418c5002.class, IommuCoreBefore65d4418c5002::new)));

    public static final Commit _6384C56C99D9 = new Commit("6384c56c99d9",
            "iommu/sva: Fix SVA handle sharing in multi device case",
            "65d4418c5002 (\"iommu/sva: Restore SVA handle sharing\")",
            "v6.8", true,
            List.of(IOMMU_SVA_C),
            List.of("iommu_sva_bind_device"),
            "v6.8-rc7; reverting it gives the rc6 core, where a device joining an existing SVA domain gets an unlisted"
                    + " handle with no users",
            List.of(new Patch<>(IommuCore.class, IommuCoreBefore6384c56c99d9.class, IommuCoreBefore6384c56c99d9::new)),
            List.of("65d4418c5002"));

    public static final Commit C404F55C26FC = new Commit("c404f55c26fc",
            "iommu: Validate the PASID in iommu_attach_device_pasid()",
            "16603704559c (\"iommu: Add attach/detach_dev_pasid iommu interfaces\")",
            "v6.8", false,
            List.of(IOMMU_C),
            List.of("iommu_attach_device_pasid"),
            "v6.9-rc2, also taken by 6.8-stable; SVA cannot reach its check alone (iommu_alloc_mm_data returns -EOVERFLOW"
                    + " first), but a group with a PASID-less device fails every attach -EINVAL",
            List.of(new Patch<>(IommuCore.class, IommuCoreAfterC404f55c26fc.class, IommuCoreAfterC404f55c26fc::new)));

    public static final Commit B3F6FCD8404F = new Commit("b3f6fcd8404f",
            "iommu: Skip PASID validation for devices without PASID capability",
            "c404f55c26fc (\"iommu: Validate the PASID in iommu_attach_device_pasid()\")",
            "v6.8", false,
            List.of(IOMMU_C),
            List.of("iommu_attach_device_pasid", "__iommu_set_group_pasid", "__iommu_remove_group_pasid"),
            "v6.15-rc7; written on top of c404f55c26fc, so a tree applies that first: v6.8+c404f55c26fc+b3f6fcd8404f"
                    + " (its hunks carried onto v6.8's function bodies; read from the v3 posting and stable backports)",
            List.of(new Patch<>(IommuCore.class, IommuCoreAfterB3f6fcd8404f.class, IommuCoreAfterB3f6fcd8404f::new)),
            List.of("c404f55c26fc"));

    public static final Commit _2667ED10D9F0 = new Commit("2667ed10d9f0",
            "mm: Fix PASID use-after-free issue",
            "701fac40384f (\"iommu/sva: Assign a PASID to mm on PASID allocation and free it on mm exit\")",
            "v6.8", true,
            List.of(FORK_C),
            List.of("__mmput", "__mmdrop"),
            "v5.18-rc; a v6.8 analogue: reverting it drops the PASID (and v6.8's iommu_mm) in __mmput, when the address"
                    + " space goes, while the SVA domain still pins the struct and the device still has the PASID",
            List.of(new Patch<>(MmWorld.class, MmBefore2667ed10d9f0.class, MmBefore2667ed10d9f0::new)));

    public static final Commit D5AFB4B47E13 = new Commit("d5afb4b47e13",
            "iommu/arm-smmu-v3: Fix soft lockup triggered by arm_smmu_mm_invalidate_range",
            "",
            "v6.8", true,
            List.of(SVA_C),
            List.of("arm_smmu_mm_arch_invalidate_secondary_tlbs"),
            "v6.6-rc4 (stable 5.15/6.1/6.5); reverting it sends every range, however large, as per-page"
                    + " TLBIs when the SMMU lacks RANGE_INV, instead of one TLBI by ASID past CMDQ_MAX_TLBI_OPS pages",
            List.of(new Patch<>(ArmSmmuSva.class, SvaBeforeD5afb4b47e13.class, SvaBeforeD5afb4b47e13::new)));

    public static final Commit _95D4782C34A6 = new Commit("95d4782c34a6",
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

    public static final Commit _6BBD42E2DF8F = new Commit("6bbd42e2df8f",
            "mmu_notifiers: call invalidate_range() when invalidating TLBs",
            "",
            "v6.8", true,
            List.of(ARM64_TLBFLUSH_H),
            List.of("flush_tlb_page"),
            "v6.6-rc1 (mm tree); reverting it makes arm64's flush_tlb_page invalidate only the CPU TLB, so a PTE"
                    + " upgraded by ptep_set_access_flags leaves the SMMU's read-only entry cached (the commit also moved"
                    + " range flushes' notification into the arch code; the model's munmap path notifies either way)",
            List.of(new Patch<>(MmWorld.class, MmBefore6bbd42e2df8f.class, MmBefore6bbd42e2df8f::new)));

    public static final Commit _353E3CF8590C = new Commit("353e3cf8590c",
            "iommu/arm-smmu-v3: Fix ATC invalidation ordering wrt main TLBs",
            "",
            "v6.8", true,
            List.of(SVA_C),
            List.of("arm_smmu_mm_arch_invalidate_secondary_tlbs"),
            "v5.4 (its Fixes: tag not read; b5e86196b83f, Fixes: 9ce27afc0830, disabled ATS in 5.2/5.3-stable meanwhile); a race: reverting it onto v6.8 (an analogue: the"
                    + " commit reordered the DMA-domain paths, the bench gives v6.8's SVA callback the parent's order) sends"
                    + " ATC_INV before the TLBI, so an ATS request between the two CMD_SYNCs refills the ATC from the stale TLB",
            List.of(new Patch<>(ArmSmmuSva.class, SvaBefore353e3cf8590c.class, SvaBefore353e3cf8590c::new)));

    public static final Commit _9F7C68911579 = new Commit("9f7c68911579",
            "iommu/arm-smmu-v3: Hold arm_smmu_asid_lock during all of attach_dev",
            "",
            "v6.8", false,
            List.of(ARM_SMMU_V3_C),
            List.of("arm_smmu_attach_dev"),
            "v6.9-rc1 (no Fixes: tag; AUTOSEL for 6.8-stable, whose backport diff the model follows); a race: on v6.8 a bind's"
                    + " arm_smmu_share_asid can run while attach_dev has taken the master off the old domain's list but not yet"
                    + " made its STE abort and cleared CD 0, so two live CDs carry one ASID for different page tables",
            List.of(new Patch<>(ArmSmmuV3.class, ArmSmmuAfter9f7c68911579.class, ArmSmmuAfter9f7c68911579::new)));

    public static final Commit _685CA577B408 = new Commit("685ca577b408",
            "iommu/arm-smmu-v3: Fix smmu_domain->nr_ats_masters decrement",
            "7497f4211f4f (\"iommu/arm-smmu-v3: Make changing domains be hitless for ATS\")",
            "v6.11", false,
            List.of(ARM_SMMU_V3_C),
            List.of("arm_smmu_attach_commit"),
            "v6.17-rc2 (stable backports reported, not checked); applying it to v6.11 removes the old domain's entry"
                    + " before ats_enabled takes its new value, so a domain change that turns ATS off uncounts the master from"
                    + " the old domain's nr_ats_masters (and one that turns it on no longer uncounts a master the old domain"
                    + " never counted). examples/corpus/685ca577b408-*.yaml shows it with an attach step to the blocked domain (a VFIO"
                    + " DMA-ownership claim): the DMA domain keeps nr_ats_masters 1 (domain-devices)",
            List.of(new Patch<>(ArmSmmuV3.class, ArmSmmuAfter685ca577b408.class, ArmSmmuAfter685ca577b408::new)));

    public static final Commit _12F78021973A = new Commit("12f78021973a",
            "iommu/arm-smmu-v3: Fix pgsize_bit for sva domains",
            "eb6c97647be2 (\"iommu/arm-smmu-v3: Avoid constructing invalid range commands\")",
            "v6.11", false,
            List.of(SVA_C),
            List.of("arm_smmu_sva_domain_alloc"),
            "v6.15-rc (Apr 2025, Cc stable; carried by 6.11/6.14 vendor trees); without it a 6.11 SVA domain has no"
                    + " pgsize_bitmap and __arm_smmu_tlb_inv_range's __ffs(0) is undefined in C. The model does what arm64"
                    + " code does (RBIT+CLZ gives 64, register shifts are modulo 64): TG lands as 3 (64K) and SCALE is the"
                    + " log2 of the size in bytes, so small ranges over-invalidate and a 4 GiB one has SCALE 32, stored as"
                    + " 0: the command eb6c97647be2 calls invalid. examples/corpus/12f78021973a-*.yaml shows it",
            List.of(new Patch<>(ArmSmmuSva.class, SvaAfter12f78021973a.class, SvaAfter12f78021973a::new)));

    public static final Commit E37D5A2D60A3 = new Commit("e37d5a2d60a3",
            "iommu/sva: invalidate stale IOTLB entries for kernel address space",
            "26b25a2b98e4 (\"iommu: Bind process address spaces to devices\")",
            "v6.18", false,
            List.of(IOMMU_SVA_C),
            List.of("iommu_sva_bind_device", "iommu_sva_unbind_device"),
            "after the v6.18 tag (6.19, and 6.18.y as a stable backport, per the stable reviews: inferred, not read in a"
                    + " tagged tree); the global iommu_sva_mms list and iommu_sva_present flag, with unbind checking the mm's"
                    + " SVA domains after iommu_domain_free may have freed them (bind hunks from the v3 posting). Its"
                    + " kernel-address-space invalidation is not modelled (no kernel page tables). examples/corpus/"
                    + "06e14c36e20b-*.yaml shows the use after free",
            List.of(new Patch<>(IommuCore.class, IommuCoreAfterE37d5a2d60a3.class, IommuCoreAfterE37d5a2d60a3::new)));

    public static final Commit _06E14C36E20B = new Commit("06e14c36e20b",
            "iommu/sva: Fix crash in iommu_sva_unbind_device()",
            "e37d5a2d60a3 (\"iommu/sva: invalidate stale IOTLB entries for kernel address space\")",
            "v6.18", false,
            List.of(IOMMU_SVA_C),
            List.of("iommu_sva_unbind_device"),
            "2026 (6.18.y and 6.19 stable reviews); written on top of e37d5a2d60a3, so a tree applies that first:"
                    + " v6.18+e37d5a2d60a3+06e14c36e20b. Every iommu_mm access moves before iommu_domain_free (the fix's"
                    + " description, and the unbind of a stored post-fix iommu-sva.c; the diff itself was not read)",
            List.of(new Patch<>(IommuCore.class, IommuCoreAfter06e14c36e20b.class, IommuCoreAfter06e14c36e20b::new)),
            List.of("e37d5a2d60a3"));

    /** Every modelled commit, in the order listings show them. */
    public static List<Commit> all() {
        return List.of(B5BF7778B722, B025DEA63CDE, _9991A82A3817, _65D4418C5002, _6384C56C99D9, _2667ED10D9F0,
                C404F55C26FC, B3F6FCD8404F, D5AFB4B47E13, _95D4782C34A6, EB6C97647BE2, AE91F6552C30, _6BBD42E2DF8F,
                _353E3CF8590C, _9F7C68911579, _685CA577B408, _12F78021973A, E37D5A2D60A3, _06E14C36E20B);
    }

    /** The commits a tree on {@code base} may revert or apply. */
    public static List<Commit> of(String base) { return all().stream().filter(c -> c.base().equals(base)).toList(); }
}
