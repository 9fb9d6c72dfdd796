package org.smmubench.check;

import org.smmubench.kernel.Violation;

import java.util.function.Consumer;

/**
 * One invariant of docs/invariants.md. Checks run during a step (at the offending call, via
 * listeners an invariant installs in {@link #attach}) and after every step on the whole state.
 * Report through the sink; the bench dedupes identical messages and tags them with the step.
 */
public interface Invariant {
    /** The stable id users name in expectations. */
    String id();

    /** Called once when the bench is built: install memory-write or command listeners here. */
    default void attach(World w, Consumer<Violation> sink) {}

    /** After every step, on the whole state. */
    default void afterStep(World w, Consumer<Violation> sink) {}

    /** After each DMA transaction. */
    default void onDma(World w, DmaObservation dma, Consumer<Violation> sink) {}

    /** After the end-of-run teardown (unbind all, exit all, release all devices). */
    default void atTeardown(World w, Consumer<Violation> sink) {}
}
