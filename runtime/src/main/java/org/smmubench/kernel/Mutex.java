package org.smmubench.kernel;

/**
 * A struct mutex instance of a lockdep class. mutex_lock may sleep, so it runs the
 * atomic-sleep check (as might_sleep does) before lockdep sees the acquisition.
 */
public final class Mutex {
    private final Kernel kernel;
    private final String className;
    /** The task holding it, so that another task of a parallel section waits for it. */
    Task owner;

    Mutex(Kernel kernel, String className) {
        this.kernel = kernel;
        this.className = className;
    }

    public String className() { return className; }

    public void lock() { kernel.locking().mutexLock(this); }

    /**
     * mutex_lock_nested: lockdep files this acquisition under subclass (1..7), so nesting two
     * locks of one class on purpose is not reported as recursive locking.
     */
    public void lockNested(int subclass) { kernel.locking().mutexLock(this, subclass); }

    public void unlock() { kernel.locking().release(this, "mutex_unlock"); }

    public boolean isHeld() { return kernel.locking().isHeld(this); }

    /** lockdep_assert_held: WARNs (kernel-warn) when not held. */
    public void assertHeld() { kernel.locking().assertHeld(this); }

    @Override
    public String toString() { return "mutex(" + className + ")"; }
}
