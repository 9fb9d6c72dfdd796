package org.smmubench.bench;

import java.util.List;

import org.smmubench.driver.tree.DriverVariants;

/**
 * The trees a run goes to, as {@code --driver} asked: nothing (each scenario's own trees),
 * {@code all}, or trees named explicitly. The rule, one for every format:
 * <ul>
 *   <li>no {@code --driver}: a scenario runs on the trees it names, else the default tree;</li>
 *   <li>{@code --driver all}: a scenario that names its trees keeps them (its expectations are
 *       written for them: a YAML {@code driver:} list, a Gherkin {@code Given the "…" driver},
 *       one per Outline row); a scenario that names none runs on every release (every base,
 *       with no commit reverted or applied: such a scenario claims what released kernels do,
 *       and a tree that reverts a fix is there to show that fix's bug);</li>
 *   <li>{@code --driver ID,…}: every scenario runs on exactly those trees, whatever it names
 *       (how one asks "what does this pre-fix scenario do on the fixed tree?").</li>
 * </ul>
 * {@code all} among explicit names means the {@code all} rule.
 */
public record DriverChoice(List<String> named, boolean all) {
    /** No {@code --driver}: every scenario on its own trees. */
    public static final DriverChoice OWN = new DriverChoice(List.of(), false);
    /** {@code --driver all}. */
    public static final DriverChoice ALL = new DriverChoice(List.of(), true);

    public DriverChoice {
        named = List.copyOf(named);
        if (all && !named.isEmpty()) throw new IllegalArgumentException("'all' and named trees: the 'all' rule applies");
    }

    /** Canonical ids named explicitly (empty: each scenario's own). */
    public static DriverChoice named(List<String> canonicalIds) {
        return new DriverChoice(canonicalIds, false);
    }

    /** True when explicit names override what scenarios name. */
    public boolean overrides() { return !named.isEmpty(); }

    /** The trees a scenario that names {@code own} (canonical ids, empty for none) runs on, in order. */
    public List<String> treesFor(List<String> own) {
        if (!named.isEmpty()) return named;
        if (!own.isEmpty()) return own;
        return all ? DriverVariants.releases() : List.of(DriverVariants.DEFAULT);
    }
}
