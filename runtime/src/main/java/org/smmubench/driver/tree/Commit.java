package org.smmubench.driver.tree;

import java.util.List;

/**
 * One modelled upstream commit, declared once: everything the bench says about it (the
 * {@code drivers} listing, tree-name errors, completion, the schema and the README table)
 * comes from here, and {@link #patches} holds its versions of the functions it touched.
 *
 * @param hash      the first 12 hex digits of the upstream hash
 * @param fixes     the commit's {@code Fixes:} tag, as {@code HASH ("title")}, or empty
 * @param base      the release it is reverted from or applied to
 * @param inBase    true when the base contains it (a tree may revert it: {@code -HASH}),
 *                  false when it came later (a tree may apply it: {@code +HASH})
 * @param files     the kernel files it changed that the bench models
 * @param functions the kernel functions it changed that the bench models; each lives in
 *                  exactly one of the patches' function tables
 * @param note      what the bench models of it and what it could not verify
 * @param buildsOn  the modelled commits (12-hex hashes, same base) this one was written on top of
 *                  and that change some of the same functions. Only such a pair may share a
 *                  function in one tree, in the order git would take them: apply the older
 *                  first, revert the newer first. The later term's versions replace the earlier's.
 */
public record Commit(String hash, String title, String fixes, String base, boolean inBase,
                     List<String> files, List<String> functions, String note, List<Patch<?, ?>> patches,
                     List<String> buildsOn) {
    public Commit {
        if (!hash.matches("[0-9a-f]{12}")) throw new IllegalArgumentException("a commit is declared by 12 hex digits: " + hash);
        files = List.copyOf(files);
        functions = List.copyOf(functions);
        patches = List.copyOf(patches);
        buildsOn = List.copyOf(buildsOn);
    }

    /** A commit that builds on no other modelled one. */
    public Commit(String hash, String title, String fixes, String base, boolean inBase,
                  List<String> files, List<String> functions, String note, List<Patch<?, ?>> patches) {
        this(hash, title, fixes, base, inBase, files, functions, note, patches, List.of());
    }

    /** True when this commit was written on top of {@code other}. */
    public boolean buildsOn(Commit other) { return buildsOn.contains(other.hash()); }

    /** The tree term that installs this commit's versions into its base: {@code -HASH} or {@code +HASH}. */
    public String term() { return (inBase ? "-" : "+") + hash; }

    /** "revert" or "apply", what the term does to the base. */
    public String action() { return inBase ? "revert" : "apply"; }
}
