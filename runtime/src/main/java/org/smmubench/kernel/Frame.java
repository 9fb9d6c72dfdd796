package org.smmubench.kernel;

/**
 * A modelled kernel function on the call stack. Closing it returns from the function;
 * closing the outermost one is where lock-balance is checked. Use with try-with-resources.
 */
public final class Frame implements AutoCloseable {
    private final Kernel kernel;
    private final String function;
    private final int depth;
    /** Lock state at entry; null for the allocator/lock frames, which never check balance. */
    private final Locking.EntryState entry;
    private boolean closed;
    /** Set for lock-primitive frames whose entry/exit would only repeat the lock line. */
    boolean untraced;

    Frame(Kernel kernel, String function, int depth, Locking.EntryState entry) {
        this.kernel = kernel;
        this.function = function;
        this.depth = depth;
        this.entry = entry;
    }

    Locking.EntryState entry() { return entry; }

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
