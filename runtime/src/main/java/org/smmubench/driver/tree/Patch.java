package org.smmubench.driver.tree;

import java.util.function.Function;

import org.smmubench.kernel.FunctionTable;
import org.smmubench.kernel.Patchable;

/**
 * One commit's versions of the functions it touched in one modelled source file: the host
 * class that owns the file's {@link FunctionTable}, and how to build the commit's subclass of
 * the file's function class for a given host.
 */
public record Patch<H extends Patchable<F>, F>(Class<H> host, Class<? extends F> versions, Function<H, ? extends F> make) {

    /** The functions of {@code commit} that live in this file: those the host's table can replace. */
    java.util.List<String> functionsIn(Commit commit, FunctionTable<?> table) {
        return commit.functions().stream().filter(table.names()::contains).toList();
    }

    /** Makes this patch's versions the base of {@code host}'s table, if it is this patch's host ({@code release} names it). */
    void rebase(Object host, String release) {
        if (!this.host.isInstance(host)) return;
        H h = this.host.cast(host);
        h.functions().rebase(make.apply(h), release);
    }

    /** Installs this patch into {@code host} if it is this patch's host; {@code term} names the tree term, which may replace the versions of the terms in {@code over}. */
    void installInto(Object host, Commit commit, String term, java.util.Set<String> over) {
        if (!this.host.isInstance(host)) return;
        H h = this.host.cast(host);
        FunctionTable<F> table = h.functions();
        F v = make.apply(h);
        for (String fn : functionsIn(commit, table)) table.install(fn, v, term, over);
    }
}
