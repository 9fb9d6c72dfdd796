package org.smmubench.driver.tree;

import java.util.List;

import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.ArmSmmuV6_10;
import org.smmubench.driver.ArmSmmuV6_11;
import org.smmubench.driver.ArmSmmuV6_18;
import org.smmubench.driver.sva.ArmSmmuSva;
import org.smmubench.driver.sva.SvaV6_10;
import org.smmubench.driver.sva.SvaV6_11;
import org.smmubench.driver.sva.SvaV6_18;
import org.smmubench.iommu.IommuCore;
import org.smmubench.iommu.IommuCoreV6_10;
import org.smmubench.iommu.IommuCoreV6_11;
import org.smmubench.iommu.IommuCoreV6_18;

/**
 * The modelled releases, each declared once: what differs from v6.8, file by file, and what
 * its versions were written from.
 */
public final class Releases {
    private Releases() {}

    public static final Release V6_8 = new Release("v6.8",
            "iommu core, arm-smmu-v3 driver and mm as released", false,
            List.of(),
            List.of("the v6.8 sources, function by function (each class names what it models)"));

    public static final Release V6_10 = new Release("v6.10",
            "STE/CD entry writer, arm_smmu_alloc_cd_ptr, make_sva_cd; bonds, notifiers and share_asid still there;"
                    + " core with c404f55c26fc and b025dea63cde", true,
            List.of(new Patch<>(ArmSmmuV3.class, ArmSmmuV6_10.class, ArmSmmuV6_10::new),
                    new Patch<>(ArmSmmuSva.class, SvaV6_10.class, SvaV6_10::new),
                    new Patch<>(IommuCore.class, IommuCoreV6_10.class, IommuCoreV6_10::new)),
            List.of("torvalds/linux arm-smmu-v3-sva.c @ 7b87c93c8b86 (6.10 merge: bind, remove, mm_release, share_asid,"
                            + " make_sva_cd) and @ e9d1e4ff74b9",
                    "torvalds/linux arm-smmu-v3.c @ 7b87c93c8b86 (attach_dev, detach_dev, attach_dev_ste, release_device,"
                            + " enable_ats, install_ste_for_dev)",
                    "iommu.c's iommu_attach_device_pasid in a version with c404f55c26fc and b025dea63cde (the PASID checked"
                            + " against every group device, only xa_erase on failure)",
                    "not read: the v6.10 tag itself, and the rest of iommu.c at 6.10"));

    public static final Release V6_11 = new Release("v6.11",
            "SVA domain is an arm_smmu_domain with its own ASID, (master, pasid) list and notifier; no bonds, no share_asid;"
                    + " attach prepare/commit, arm_smmu_set_pasid, used_ssids; core with attach handles and domain_alloc_sva", true,
            List.of(new Patch<>(ArmSmmuV3.class, ArmSmmuV6_11.class, ArmSmmuV6_11::new),
                    new Patch<>(ArmSmmuSva.class, SvaV6_11.class, SvaV6_11::new),
                    new Patch<>(IommuCore.class, IommuCoreV6_11.class, IommuCoreV6_11::new)),
            List.of("maade93791/kernel_common-6.12 arm-smmu-v3-sva.c @ 0c10203ea93f (an Android 6.12 tree): sva_domain_alloc,"
                            + " domain_free, set_dev_pasid, mm_release, invalidate_secondary_tlbs, mmu_notifier_free; its"
                            + " pgsize_bitmap line (12f78021973a) and set_dev_pasid's old-domain argument are later and left out",
                    "maade93791/kernel_common-6.12 arm-smmu-v3.c @ 0c10203ea93f: find/remove_master_domain, attach_prepare,"
                            + " attach_commit (with 685ca577b408 backported; v6.11's order taken from that fix's message),"
                            + " attach_dev, update_ste, set_pasid, remove_dev_pasid, attach_dev_ste, identity/blocked attach",
                    "Kingxukai/linux iommu-sva.c @ 0291023e7330 (a ~6.16 mainline tree): iommu_sva_bind_device with the attach"
                            + " handle, iommu_sva_unbind_device, iommu_sva_domain_alloc (its cookie_type and iopf_handler not modelled)",
                    "not read: the v6.11 tag, iommu.c at 6.11 (iommu_attach_device_pasid is b025dea63cde + c404f55c26fc with the"
                            + " handle), arm_smmu_install_ste_for_dev's in_ste, arm_smmu_enable_ats and arm_smmu_release_device at 6.11"));

    public static final Release V6_18 = new Release("v6.18",
            "v6.11's SVA domain and attach; PASIDs removed through the blocked domain's set_dev_pasid, no SVA device"
                    + " feature, 685ca577b408 in; core skips PASID-less group devices (b3f6fcd8404f); no get_update_safe", true,
            List.of(new Patch<>(ArmSmmuV3.class, ArmSmmuV6_18.class, ArmSmmuV6_18::new),
                    new Patch<>(ArmSmmuSva.class, SvaV6_18.class, SvaV6_18::new),
                    new Patch<>(IommuCore.class, IommuCoreV6_18.class, IommuCoreV6_18::new)),
            List.of("atlanticdg/linux-6.18.y arm-smmu-v3.c @ 6c3dcfd01987 (a 6.18.y stable tree): attach_prepare (iopf),"
                            + " attach_commit (685ca577b408 order), attach_dev, set_pasid(old), blocking_set_dev_pasid,"
                            + " attach_dev_ste, release_device, arm_smmu_ops (no dev_enable_feat, no remove_dev_pasid),"
                            + " __arm_smmu_tlb_inv_range; its get_update_safe STE op (2781f2a930ab, Jan 2026) is a backport"
                            + " after the tag and is left out",
                    "Kingxukai/linux arm-smmu-v3-sva.c, iommu-sva.c and arm-smmu-v3-test.c @ 0291023e7330 (~6.16"
                            + " mainline): FEAT_SVA checks in sva_domain_alloc and set_dev_pasid(old), pgsize_bitmap, the"
                            + " attach-handle bind/unbind, the 22 KUnit cases",
                    "iommu.c: iommu_remove_dev_pasid through ops->blocked_domain and __iommu_set_group_pasid from the"
                            + " PASID-replace series' patch mails, b3f6fcd8404f from its posting",
                    "not read: the v6.18 tag (its Makefile, iommu.c, iommu-sva.c, arm-smmu-v3-sva.c, arm-smmu-v3-test.c);"
                            + " e37d5a2d60a3 is taken as after the tag (6.18.y, 6.19), from the stable reviews"));

    /** Every release, oldest first. */
    public static List<Release> all() { return List.of(V6_8, V6_10, V6_11, V6_18); }

    /**
     * The release whose versions {@code table} runs: its rebased release, or v6.8 when it was
     * never rebased (the invariants ask this of the driver's table).
     */
    public static Release runBy(org.smmubench.kernel.FunctionTable<?> table) {
        return table.baseRelease() == null ? V6_8 : of(table.baseRelease());
    }

    /** The release named {@code name}. */
    public static Release of(String name) {
        return all().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no release " + name));
    }
}
