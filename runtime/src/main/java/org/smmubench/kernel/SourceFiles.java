package org.smmubench.kernel;

/**
 * Which kernel source file a modelled function lives in, so splats can say
 * "at drivers/iommu/...:function" the way the kernel says file:line. Unknown names
 * (bench helpers) get no file.
 */
final class SourceFiles {
    private static final String SMMU = "drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c";
    private static final String SVA = "drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3-sva.c";

    private SourceFiles() {}

    static String of(String function) {
        String f = function.startsWith("__") ? function.substring(2) : function;
        if (f.startsWith("arm_smmu_")) {
            boolean sva = f.contains("sva") || f.startsWith("arm_smmu_mmu_notifier")
                    || f.startsWith("arm_smmu_mm_") || f.endsWith("_shared_cd")
                    || f.equals("arm_smmu_share_asid");
            return sva ? SVA : SMMU;
        }
        if (f.startsWith("iommu_sva_")) {
            return "drivers/iommu/iommu-sva.c";
        }
        if (f.startsWith("iommu_")) {
            return "drivers/iommu/iommu.c";
        }
        if (f.startsWith("mmu_notifier_")) {
            return "mm/mmu_notifier.c";
        }
        if (f.startsWith("arm64_mm_context_")) {
            return "arch/arm64/mm/context.c";
        }
        return null;
    }

    /** "file:function" when the file is known, else the bare function name. */
    static String location(String function) {
        String file = of(function);
        return file == null ? function : file + ":" + function;
    }
}
