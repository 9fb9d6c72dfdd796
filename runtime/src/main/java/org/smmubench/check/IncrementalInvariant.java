package org.smmubench.check;

import java.util.function.Consumer;

import org.smmubench.kernel.Violation;

/**
 * A whole-state invariant that can also check only what a step touched. The bench calls
 * {@link #afterStep(World, StepScope, Consumer)} in incremental mode and the inherited
 * {@link #afterStep(World, Consumer)} in paranoid mode; in cross-check mode it calls both
 * (incremental first) and compares. The contract, which cross-check mode enforces: over a
 * run, the incremental form reports every message the full walk would report for the first
 * time at that step, and nothing the full walk would not. Both forms must therefore leave
 * the checker's own bookkeeping in the same state: keep side effects out of them, or make
 * them idempotent. See package-info for how to opt in.
 */
public interface IncrementalInvariant extends Invariant {
    /** After a step, on what it touched ({@code scope.everything()}: on the whole state). */
    void afterStep(World w, StepScope scope, Consumer<Violation> sink);
}
