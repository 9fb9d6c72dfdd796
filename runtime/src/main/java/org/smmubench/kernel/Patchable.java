package org.smmubench.kernel;

/**
 * A modelled source file whose replaceable functions live in a {@link FunctionTable}, so a
 * kernel tree can install a commit's versions of them.
 */
public interface Patchable<F> {
    FunctionTable<F> functions();
}
