package org.smmubench.kernel;

/**
 * A modelled kernel function on the call stack. Closing it returns from the function;
 * closing the outermost one is where lock-balance is checked. Use with try-with-resources.
 * The frames of a task link to their callers and never change, so a backtrace is the
 * innermost frame itself ({@link Backtrace}), not a copy of the stack per allocation and lock.
 */
public final class Frame implements AutoCloseable {
    private final Kernel kernel;
    private final String function;
    /** The frame that called this one; null for the outermost. */
    final Frame caller;
    private final int depth;
    /** The kernel's number for this call (tells one call of a function from the next). */
    final long call;
    /** Lock state at entry, for the lock-balance check; {@code heldAtEntry < 0} for the allocator/lock frames, which never check it. */
    final int heldAtEntry;
    final int irqSavesAtEntry;
    final boolean irqsDisabledAtEntry;
    private boolean closed;
    /** Set for lock-primitive frames whose entry/exit would only repeat the lock line. */
    final boolean untraced;

    Frame(Kernel kernel, String function, Frame caller, long call, boolean untraced,
          int heldAtEntry, int irqSavesAtEntry, boolean irqsDisabledAtEntry) {
        this.kernel = kernel;
        this.function = function;
        this.caller = caller;
        this.depth = caller == null ? 0 : caller.depth + 1;
        this.call = call;
        this.untraced = untraced;
        this.heldAtEntry = heldAtEntry;
        this.irqSavesAtEntry = irqSavesAtEntry;
        this.irqsDisabledAtEntry = irqsDisabledAtEntry;
    }

    boolean checksBalance() { return heldAtEntry >= 0; }

    public String function() { return function; }

    /** 0 for the outermost modelled call. */
    public int depth() { return depth; }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        kernel.exit(this);
    }
}
