package org.smmubench.kernel;

import java.util.List;
import java.util.Optional;

/** The named failure-injection sites (docs/sites.md) and how each one fails. */
public final class FailureSites {
    public record Site(String name, String description) {}

    private static final List<Site> ALL = List.of(
            new Site("kzalloc.bond", "kzalloc of the arm_smmu_bond in __arm_smmu_sva_bind returns NULL (-ENOMEM)"),
            new Site("kzalloc.notifier", "kzalloc of the arm_smmu_mmu_notifier in arm_smmu_mmu_notifier_get returns NULL (-ENOMEM)"),
            new Site("kzalloc.cd", "kzalloc of the shared arm_smmu_ctx_desc in arm_smmu_alloc_shared_cd returns NULL (-ENOMEM)"),
            new Site("arm64_mm_context_get", "pinning the CPU ASID fails (returns 0; -ESRCH)"),
            new Site("xa_alloc.asid", "xa_alloc of a new ASID in arm_smmu_asid_xa fails (-ENOMEM; -ENOSPC in share_asid)"),
            new Site("xa_insert.asid", "xa_insert of the shared CD's ASID in arm_smmu_asid_xa fails (-ENOMEM)"),
            new Site("mmu_notifier_register", "mmu_notifier_register fails (-ENOMEM)"),
            new Site("dma_alloc.cd_leaf", "dmam_alloc_coherent of a 64 KiB CD leaf table returns NULL"),
            new Site("dma_alloc.cd_table", "dmam_alloc_coherent of the linear CD table or the L1 CD table returns NULL"),
            new Site("set_dev_pasid", "the driver's set_dev_pasid op as a whole fails with -ENOMEM (for group rollback)"),
            new Site("kzalloc.sva_domain", "kzalloc of the SVA iommu_domain in arm_smmu_sva_domain_alloc returns NULL"),
            new Site("iommu_alloc_global_pasid", "the global PASID IDA is exhausted (-ENOSPC)"));

    /** The sites by name: every allocation and injection point looks its site up. */
    private static final java.util.Map<String, Site> BY_NAME = ALL.stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Site::name, s -> s));

    private FailureSites() {}

    public static List<Site> all() { return ALL; }

    public static Optional<Site> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(name));
    }

    public static List<String> names() { return ALL.stream().map(Site::name).toList(); }
}
