package org.smmubench.driver.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Driver names as every door (YAML, Groovy, Gherkin, CLI, REPL) takes them: a kernel tree
 * ({@link KernelTrees}) or an old alias, or {@code all} for the trees {@link KernelTrees#all()}
 * lists. Results and reports carry the canonical tree name.
 */
public final class DriverVariants {
    /** v6.8 with b5bf7778 reverted: the seed bug. */
    public static final String PRE_FIX = "v6.8-b5bf7778b722";
    /** v6.8 as released. */
    public static final String FIXED = "v6.8";
    public static final String DEFAULT = FIXED;

    private DriverVariants() {}

    /** The trees {@code all} selects, with their aliases and what each models. */
    public static List<DriverVariantInfo> all() {
        List<DriverVariantInfo> out = new ArrayList<>();
        for (KernelTree t : KernelTrees.all()) out.add(new DriverVariantInfo(t.name(), KernelTrees.aliasesOf(t.name()), describe(t)));
        return out;
    }

    static String describe(KernelTree t) {
        if (t.commits().isEmpty()) return "the " + t.base() + " release: " + Releases.of(t.base()).title();
        List<String> parts = new ArrayList<>();
        for (Commit c : t.commits())
            parts.add((c.inBase() ? "without " : "with ") + c.hash() + " \"" + c.title() + "\"");
        return t.base() + " " + String.join(", ", parts);
    }

    /** Every modelled release (base) as released, oldest first: where {@code --driver all} runs a scenario that names no tree. */
    public static List<String> releases() { return List.copyOf(KernelTrees.BASES); }

    /** The canonical tree name for a tree name or alias, or empty when it is not one. "all" is not resolved here. */
    public static Optional<String> resolve(String name) { return KernelTrees.resolve(name).map(KernelTree::name); }

    /** The tree for a name or alias. */
    public static Optional<KernelTree> tree(String name) { return KernelTrees.resolve(name); }

    /**
     * Why {@code name}, which starts like a tree name, is not one (an unknown or misused commit,
     * with the commits its base knows); empty when it is a tree or does not look like one.
     */
    public static Optional<String> problem(String name) { return Optional.ofNullable(KernelTrees.parse(name).error()); }

    /** Resolves a list that may contain "all"; unknown names are reported by the caller. */
    public static List<String> expand(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String s : names) {
            if (s.equals("all")) {
                all().forEach(v -> { if (!out.contains(v.id())) out.add(v.id()); });
            } else {
                resolve(s).ifPresent(id -> { if (!out.contains(id)) out.add(id); });
            }
        }
        return out;
    }

    /**
     * The JSON Schema's description of a driver name (the schema is a static file; a test keeps
     * its text equal to this).
     */
    public static String schemaDescription() {
        StringBuilder sb = new StringBuilder("A kernel tree: a base release, then any number of -HASH (revert) or +HASH"
                + " (apply) terms, left to right; a commit is named by 8 to 12 hex digits of its hash.");
        for (String base : KernelTrees.BASES) sb.append(" ").append(KernelTrees.known(base)).append(".");
        List<String> aliases = new ArrayList<>();
        for (DriverVariantInfo v : all())
            if (!v.aliases().isEmpty()) aliases.add(String.join(", ", v.aliases()) + " = " + v.id());
        sb.append(" Aliases: ").append(String.join("; ", aliases)).append(".");
        sb.append(" 'all' = every base with each single-commit revert or apply of it.");
        return sb.toString();
    }

    /** Names to offer (completion, error hints): each tree {@code all} runs, its aliases, then "all". */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (DriverVariantInfo v : all()) {
            out.add(v.id());
            out.addAll(v.aliases());
        }
        out.add("all");
        return out;
    }
}
