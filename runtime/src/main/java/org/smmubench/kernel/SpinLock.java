package org.smmubench.kernel;

/**
 * A spinlock_t instance of a lockdep class. Taking it raises the preempt count (atomic
 * context until unlock); the irqsave forms also disable IRQs and hand back the flags that
 * the matching restore must return, innermost first.
 */
public final class SpinLock {
    private final Kernel kernel;
    private final String className;
    /** The task holding it, so that another task of a parallel section waits for it. */
    Task owner;

    SpinLock(Kernel kernel, String className) {
        this.kernel = kernel;
        this.className = className;
    }

    public String className() { return className; }

    public void lock() {
        kernel.locking().spinLock(this, "spin_lock");
    }

    /** spin_lock_nested: as {@link Mutex#lockNested}, lockdep's subclass annotation. */
    public void lockNested(int subclass) {
        kernel.locking().spinLock(this, "spin_lock_nested", subclass);
    }

    public void unlock() {
        kernel.locking().release(this, "spin_unlock");
    }

    /** spin_lock_irqsave: returns the flags for {@link #unlockIrqrestore(long)}. */
    public long lockIrqsave() {
        long flags = kernel.locking().irqSave(className);
        kernel.locking().spinLock(this, "spin_lock_irqsave");
        return flags;
    }

    public void unlockIrqrestore(long flags) {
        kernel.locking().release(this, "spin_unlock_irqrestore");
        kernel.locking().irqRestore(flags);
    }

    public boolean isHeld() { return kernel.locking().isHeld(this); }

    /** lockdep_assert_held: WARNs (kernel-warn) when not held. */
    public void assertHeld() { kernel.locking().assertHeld(this); }

    @Override
    public String toString() { return "spinlock(" + className + ")"; }
}
