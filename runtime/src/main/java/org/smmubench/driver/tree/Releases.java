package org.smmubench.driver.tree;

import java.util.List;

import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.ArmSmmuV6_10;
import org.smmubench.driver.sva.ArmSmmuSva;
import org.smmubench.driver.sva.SvaV6_10;
import org.smmubench.iommu.IommuCore;
import org.smmubench.iommu.IommuCoreV6_10;

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

    /** Every release, oldest first. */
    public static List<Release> all() { return List.of(V6_8, V6_10); }

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
