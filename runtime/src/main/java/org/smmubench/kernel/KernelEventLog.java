package org.smmubench.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * An opt-in log of what the modelled kernel did, for pictures of a run (the HTML report's
 * timeline): function entries and exits, lock acquisitions and releases, IRQ and preemption
 * transitions, and the marks the bench adds (commands the SMMU consumed, violations, steps).
 *
 * <p>Time is logical: an event's time is its index in the log, never the wall clock, so the
 * same run gives the same log. Nothing is recorded unless a log is attached to the kernel
 * ({@link Kernel#attachEventLog}); a detached kernel pays one null check per call.
 */
public final class KernelEventLog {
    /** What happened. */
    public enum Kind {
        /** A modelled kernel function was entered; {@code name} is the function. */
        ENTER,
        /** It returned. */
        EXIT,
        /** A lock was taken; {@code name} is its lockdep class, {@code detail} "spinlock" or "mutex". */
        LOCK,
        /** A lock was released. */
        UNLOCK,
        /** IRQs were disabled ({@code detail}: where, as in a splat's "hardirqs last disabled"). */
        IRQ_OFF,
        /** IRQs were enabled again. */
        IRQ_ON,
        /** The preempt count rose from 0 (a spinlock was taken). */
        PREEMPT_OFF,
        /** The preempt count fell back to 0. */
        PREEMPT_ON,
        /** The SMMU consumed a command ({@code name}: opcode, {@code detail}: decoded fields). */
        COMMAND,
        /** A device's transaction reached the SMMU ({@code name}: access and address, {@code detail}: the outcome). */
        DMA,
        /** The event-queue handler read an event the SMMU recorded ({@code name}: its type, {@code detail}: the record). */
        EVENT,
        /** An invariant was violated ({@code name}: its id, {@code detail}: the one-line message). */
        VIOLATION,
        /** The bench began a step ({@code name}: its text, {@code detail}: its number). */
        STEP
    }

    /**
     * One event. {@code depth} is the number of modelled frames on the stack when it happened
     * (for ENTER and EXIT, counting the function itself), {@code root} the outermost function
     * then running ("" outside any), which tells the context the event ran in.
     */
    public record Event(Kind kind, String name, String detail, int depth, String root) {}

    private final List<Event> events = new ArrayList<>();

    void add(Kind kind, String name, String detail, Task t) {
        String root = t.outermost();
        events.add(new Event(kind, name, detail == null ? "" : detail, t.frameDepth(), root == null ? "" : root));
    }

    /** The number of events so far: the logical time of the next one. */
    public int size() { return events.size(); }

    public List<Event> events() { return List.copyOf(events); }
}
