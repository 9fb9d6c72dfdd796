package org.smmubench.driver.tree;

import java.util.List;

import org.smmubench.kernel.Patchable;

/**
 * A kernel tree: a modelled release (the base) with modelled upstream commits reverted or
 * applied, left to right. Its canonical name is the base then one {@code -HASH}/{@code +HASH}
 * term per commit, with 12-digit hashes, as every report prints it.
 */
public record KernelTree(String base, List<Commit> commits) {
    public KernelTree {
        commits = List.copyOf(commits);
    }

    public String name() {
        StringBuilder sb = new StringBuilder(base);
        for (Commit c : commits) sb.append(c.term());
        return sb.toString();
    }

    /**
     * Installs the base release's versions of its files, then every commit's versions of the functions it touched into the function tables of
     * {@code hosts}, the modelled files of one bench. Every patch must find its host: a commit
     * that patches a file the bench did not pass would otherwise silently not be applied.
     */
    public void install(List<? extends Patchable<?>> hosts) {
        Release release = Releases.of(base);
        for (Patch<?, ?> p : release.files()) {
            long found = hosts.stream().filter(p.host()::isInstance).count();
            if (found != 1)
                throw new IllegalStateException(base + " replaces " + p.host().getSimpleName() + ", found " + found + " such part");
            for (Patchable<?> h : hosts) p.rebase(h, base);
        }
        for (int i = 0; i < commits.size(); i++) {
            Commit c = commits.get(i);
            // The earlier terms this one composes with (KernelTrees checked the order).
            java.util.Set<String> over = new java.util.HashSet<>();
            for (Commit e : commits.subList(0, i)) if (c.buildsOn(e) || e.buildsOn(c)) over.add(e.term());
            for (Patch<?, ?> p : c.patches()) {
                long found = hosts.stream().filter(p.host()::isInstance).count();
                if (found != 1)
                    throw new IllegalStateException(c.hash() + " patches " + p.host().getSimpleName() + ", found "
                            + found + " such part among " + hosts.stream().map(h -> h.getClass().getSimpleName()).toList());
                for (Patchable<?> h : hosts) p.installInto(h, c, c.term(), over);
            }
        }
    }

    @Override
    public String toString() { return name(); }
}
