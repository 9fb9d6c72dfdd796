package org.smmubench.kernel.sched;

import java.util.function.BooleanSupplier;

/** What a running task may ask of the scheduler. */
public interface TaskContext {
    /** This task's index (0-based). */
    int task();

    /** A schedule point: another task may run before this one continues. */
    void point(String label);

    /**
     * Waits (as a sleeping lock or a wait queue does) until {@code ready} holds; while it does
     * not, this task is not enabled. Each wait is a schedule point.
     */
    void waitUntil(String label, BooleanSupplier ready);
}
