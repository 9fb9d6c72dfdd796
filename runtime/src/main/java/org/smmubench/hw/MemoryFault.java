package org.smmubench.hw;

/** Access to simulated memory that is not (or no longer) allocated, or misaligned. */
public final class MemoryFault extends RuntimeException {
    private final long pa;

    public MemoryFault(long pa, String what) {
        super(String.format("%s at PA 0x%x", what, pa));
        this.pa = pa;
    }

    public long pa() {
        return pa;
    }
}
