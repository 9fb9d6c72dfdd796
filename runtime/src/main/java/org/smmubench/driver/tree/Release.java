package org.smmubench.driver.tree;

import java.util.List;

/**
 * A modelled kernel release, the base of kernel trees. v6.8 is the model's own code; a later
 * release replaces, in each modelled file, exactly the functions that differ from v6.8 with its
 * own versions: one function class per file ({@link #files}), a subclass of the v6.8 function
 * class, installed before any commit of a tree.
 *
 * @param name  the release tag, as tree names start with it
 * @param title one line for {@code smmu-bench drivers}
 * @param liveUpdates the STE/CD writers are the 6.9+ entry writer, for which a hitless update of a
 *              live entry is legal: the write-order invariants then require that at every
 *              CFGI+CMD_SYNC the entry decodes to its old or its new configuration (or to
 *              invalid, the writer's breaking sequence), instead of v6.8's fixed store order
 * @param files its versions of the modelled files that differ from v6.8 (empty for v6.8)
 * @param read  which kernel sources, at which commit, its versions were written from, and what
 *              could not be read
 */
public record Release(String name, String title, boolean liveUpdates, List<Patch<?, ?>> files, List<String> read) {
    public Release {
        files = List.copyOf(files);
        read = List.copyOf(read);
    }
}
