package org.smmubench.driver.sva;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registry of driver variants. Ids and aliases are case-sensitive (docs/trees.md);
 * {@code all} means every variant.
 */
public final class DriverVariants {
    public static final String PRE_FIX = "v6.8-pre-fix";
    public static final String FIXED = "v6.8-fixed";
    public static final String DEFAULT = FIXED;

    private static final List<DriverVariantInfo> ALL = List.of(
            new DriverVariantInfo(PRE_FIX, List.of("pre-fix"),
                    "arm-smmu-v3-sva.c at the parent of b5bf7778: the CD is written for every master of the"
                            + " RID domain inside arm_smmu_mmu_notifier_get, under devices_lock"),
            new DriverVariantInfo(FIXED, List.of("fixed", "b5bf7778"),
                    "arm-smmu-v3-sva.c after b5bf7778: __arm_smmu_sva_bind writes the CD of the bound"
                            + " master outside the spinlock; remove_dev_pasid clears it"));

    private DriverVariants() {}

    public static List<DriverVariantInfo> all() { return ALL; }

    /** The canonical id for an id or alias, or empty when unknown. "all" is not resolved here. */
    public static Optional<String> resolve(String idOrAlias) {
        for (DriverVariantInfo v : ALL) {
            if (v.id().equals(idOrAlias) || v.aliases().contains(idOrAlias)) return Optional.of(v.id());
        }
        return Optional.empty();
    }

    /** Resolves a list that may contain "all"; unknown names are reported by the caller. */
    public static List<String> expand(List<String> idsOrAliases) {
        List<String> out = new ArrayList<>();
        for (String s : idsOrAliases) {
            if (s.equals("all")) {
                ALL.forEach(v -> { if (!out.contains(v.id())) out.add(v.id()); });
            } else {
                resolve(s).ifPresent(id -> { if (!out.contains(id)) out.add(id); });
            }
        }
        return out;
    }

    /** Every name a user may type: ids, aliases and "all" (for completion and error hints). */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (DriverVariantInfo v : ALL) {
            out.add(v.id());
            out.addAll(v.aliases());
        }
        out.add("all");
        return out;
    }
}
