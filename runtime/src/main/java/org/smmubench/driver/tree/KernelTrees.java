package org.smmubench.driver.tree;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kernel tree names: {@code BASE} then any number of {@code -HASH} (revert a commit the base
 * has) or {@code +HASH} (apply a later one) terms, left to right. A commit is named by 8 to 12
 * lowercase hex digits of its hash; only modelled commits ({@link Commits}) can be named. The
 * driver ids from before trees stay as aliases. Names are case-sensitive.
 */
public final class KernelTrees {
    /** The modelled releases. */
    public static final List<String> BASES = Releases.all().stream().map(Release::name).toList();

    /** Old driver ids and what tree each names. */
    private static final Map<String, String> ALIASES = new LinkedHashMap<>();
    static {
        ALIASES.put("v6.8-pre-fix", "v6.8-b5bf7778b722");
        ALIASES.put("pre-fix", "v6.8-b5bf7778b722");
        ALIASES.put("v6.8-fixed", "v6.8");
        ALIASES.put("fixed", "v6.8");
        ALIASES.put("b5bf7778", "v6.8");
    }

    private static final Pattern TERM = Pattern.compile("([+-])([^+-]*)");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{8,12}");

    private KernelTrees() {}

    /** A parsed name: the tree, or why the name is not one. */
    public record Parsed(Optional<KernelTree> tree, String error) {
        static Parsed ok(KernelTree t) { return new Parsed(Optional.of(t), null); }

        static Parsed bad(String why) { return new Parsed(Optional.empty(), why); }
    }

    /** The tree an alias stands for, or the name itself. */
    public static String unalias(String name) { return ALIASES.getOrDefault(name, name); }

    /** The aliases of a canonical tree name. */
    public static List<String> aliasesOf(String canonical) {
        List<String> out = new ArrayList<>();
        ALIASES.forEach((alias, tree) -> { if (tree.equals(canonical)) out.add(alias); });
        return out;
    }

    /**
     * Parses a tree name or alias. The error (null when it parsed) says what is wrong with a
     * name that starts with a known base; for any other name it is {@code null} too and the
     * tree is empty, so callers report "unknown driver" with the names they list.
     */
    public static Parsed parse(String name) { return parse(name, Commits.all()); }

    /** {@link #parse(String)} against a given set of declarations (tests declare conflicting ones). */
    static Parsed parse(String name, List<Commit> declared) {
        String n = unalias(name);
        String base = BASES.stream().filter(b -> n.equals(b) || n.startsWith(b + "-") || n.startsWith(b + "+"))
                .findFirst().orElse(null);
        if (base == null) return new Parsed(Optional.empty(), null);
        String rest = n.substring(base.length());
        Matcher m = TERM.matcher(rest);
        List<Commit> commits = new ArrayList<>();
        int at = 0;
        while (m.find()) {
            if (m.start() != at) break;
            at = m.end();
            String sign = m.group(1), hex = m.group(2);
            if (!HASH.matcher(hex).matches())
                return Parsed.bad("'" + sign + hex + "' in driver '" + name + "': name a commit by 8 to 12 lowercase hex"
                        + " digits of its hash (" + known(base, declared) + ")");
            List<Commit> onBase = declared.stream().filter(c -> c.base().equals(base)).toList();
            List<Commit> hits = onBase.stream().filter(c -> c.hash().startsWith(hex)).toList();
            if (hits.isEmpty()) {
                String hint = closest(hex, onBase).map(c -> "; did you mean '" + c.hash() + "'?").orElse("");
                return Parsed.bad("unknown commit '" + hex + "' in driver '" + name + "'" + hint + " (" + known(base, declared) + ")");
            }
            Commit c = hits.get(0);
            if (!c.term().startsWith(sign))
                return Parsed.bad("'" + sign + hex + "' in driver '" + name + "': " + c.hash()
                        + (c.inBase() ? " is in " + base + ", so it can only be reverted: '-" : " came after " + base
                        + ", so it can only be applied: '+") + c.hash() + "'");
            if (commits.contains(c))
                return Parsed.bad("driver '" + name + "' names " + c.hash() + " twice");
            String order = prerequisiteMissing(name, base, c, commits, onBase);
            if (order != null) return Parsed.bad(order);
            for (Commit earlier : commits) {
                Set<String> both = new LinkedHashSet<>(earlier.functions());
                both.retainAll(c.functions());
                if (!both.isEmpty() && !composes(earlier, c))
                    return Parsed.bad("driver '" + name + "': " + earlier.hash() + " and " + c.hash() + " both change "
                            + String.join(", ", both) + "; the bench models each commit against " + base
                            + " and cannot stack two versions of one function");
            }
            commits.add(c);
        }
        if (at != rest.length())
            return Parsed.bad("driver '" + name + "': after the base '" + base + "' come -HASH or +HASH terms (" + known(base, declared) + ")");
        return Parsed.ok(new KernelTree(base, commits));
    }

    /**
     * Whether {@code later}, named after {@code earlier} in a tree, may replace its versions of
     * shared functions: an apply after the apply of the commit it builds on, or a revert after
     * the revert of the commit that builds on it (the order git needs).
     */
    private static boolean composes(Commit earlier, Commit later) {
        if (!later.inBase() && !earlier.inBase()) return later.buildsOn(earlier);
        if (later.inBase() && earlier.inBase()) return earlier.buildsOn(later);
        return false;
    }

    /**
     * Why {@code c} cannot come next in the tree: applying a commit needs the later commit it
     * builds on applied first; reverting one needs every commit of the base that builds on it
     * reverted first; a commit built on a reverted one cannot be applied. Null when it can.
     */
    private static String prerequisiteMissing(String name, String base, Commit c, List<Commit> earlier, List<Commit> onBase) {
        for (Commit o : onBase) {
            if (!c.inBase() && c.buildsOn(o) && !o.inBase() && !earlier.contains(o))
                return "driver '" + name + "': " + c.hash() + " builds on " + o.hash() + ", which " + base
                        + " lacks: apply it first ('" + minimal(c).name() + "')";
            if (!c.inBase() && c.buildsOn(o) && o.inBase() && earlier.contains(o))
                return "driver '" + name + "': " + c.hash() + " builds on " + o.hash() + ", which this tree reverts";
            if (c.inBase() && o.inBase() && o.buildsOn(c) && !earlier.contains(o))
                return "driver '" + name + "': " + o.hash() + " builds on " + c.hash() + " and changes the same code:"
                        + " revert it first ('" + minimal(c).name() + "')";
        }
        return null;
    }

    /**
     * The smallest tree that reverts or applies {@code c}: its base with, before it, the
     * commits git needs out of the way (reverts of those built on it) or in place (applies of
     * the later commits it builds on).
     */
    public static KernelTree minimal(Commit c) {
        List<Commit> chain = new ArrayList<>();
        addPrerequisites(c, Commits.of(c.base()), chain);
        return new KernelTree(c.base(), chain);
    }

    private static void addPrerequisites(Commit c, List<Commit> onBase, List<Commit> chain) {
        if (chain.contains(c)) return;
        for (Commit o : onBase) {
            if (c.inBase() && o.inBase() && o.buildsOn(c)) addPrerequisites(o, onBase, chain);
            if (!c.inBase() && !o.inBase() && c.buildsOn(o)) addPrerequisites(o, onBase, chain);
        }
        chain.add(c);
    }

    /** The tree a name or alias stands for, if it is one. */
    public static Optional<KernelTree> resolve(String name) { return parse(name).tree(); }

    /**
     * What {@code all} runs: every base, each with every single-commit revert before it and apply
     * after it (with the commits git needs reverted or applied first, see {@link #minimal}).
     */
    public static List<KernelTree> all() {
        List<KernelTree> out = new ArrayList<>();
        for (String base : BASES) {
            for (Commit c : Commits.of(base)) if (c.inBase()) out.add(minimal(c));
            out.add(new KernelTree(base, List.of()));
            for (Commit c : Commits.of(base)) if (!c.inBase()) out.add(minimal(c));
        }
        return out;
    }

    /** "v6.8 models: -b5bf7778b722 (title), +b025dea63cde (title)", for error messages. */
    static String known(String base) { return known(base, Commits.all()); }

    private static String known(String base, List<Commit> declared) {
        List<String> parts = new ArrayList<>();
        for (Commit c : declared) if (c.base().equals(base)) parts.add(c.term() + " (" + c.title() + ")");
        return base + " models " + (parts.isEmpty() ? "no commits" : String.join(", ", parts));
    }

    /** The modelled commit whose hash prefix is within two typos of {@code hex}. */
    private static Optional<Commit> closest(String hex, List<Commit> onBase) {
        Commit best = null;
        int bestD = 3;
        for (Commit c : onBase) {
            int d = distance(hex, c.hash().substring(0, Math.min(hex.length(), 12)));
            if (d < bestD) {
                best = c;
                bestD = d;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++)
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
