package org.smmubench.kernel;

/** Allocation flags: only whether the allocator may sleep matters to the model. */
public enum Gfp {
    /** May block for reclaim: a sleeping operation, illegal in atomic context. */
    GFP_KERNEL(true),
    /** Never sleeps; may dip into reserves. */
    GFP_ATOMIC(false),
    /** Never sleeps, no reserves. */
    GFP_NOWAIT(false);

    private final boolean maySleep;

    Gfp(boolean maySleep) { this.maySleep = maySleep; }

    public boolean maySleep() { return maySleep; }
}
