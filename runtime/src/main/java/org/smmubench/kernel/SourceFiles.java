package org.smmubench.kernel;

/**
 * Which kernel source file a modelled function lives in, so splats can name it the way
 * the kernel names file:line (the line is not modelled). Unknown names
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

    /**
     * The file of the might_sleep that fired, for the "BUG: sleeping function called from
     * invalid context at" line: the kernel prints the site of the check, not its caller. Line
     * numbers are not modelled (none was verified at the modelled commits), so only the file.
     * opFunction is the sleeping primitive the model entered (null: the caller itself sleeps).
     */
    static String mightSleepSite(String opFunction, String caller) {
        if (opFunction != null) {
            switch (opFunction) {
                // slab_pre_alloc_hook, prepare_alloc_pages and xa_alloc/xa_insert all run
                // might_alloc(gfp), whose might_sleep_if is the reported site.
                case "kzalloc", "kcalloc", "devm_kcalloc", "dmam_alloc_coherent", "dma_alloc_coherent",
                     "ida_alloc_range", "xa_alloc", "xa_insert" -> {
                    return "include/linux/sched/mm.h";
                }
                case "mutex_lock", "mutex_lock_nested" -> {
                    return "kernel/locking/mutex.c";
                }
                // mmap_write_lock -> down_write, whose might_sleep is the first one reached.
                case "mmu_notifier_register" -> {
                    return "kernel/locking/rwsem.c";
                }
                default -> {
                    String file = of(opFunction);
                    if (file != null) return file;
                }
            }
        }
        String file = of(caller);
        return file == null ? caller : file;
    }
}
