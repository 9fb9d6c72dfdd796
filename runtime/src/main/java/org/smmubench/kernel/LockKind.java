package org.smmubench.kernel;

/** The two lock types the driver uses; they differ in whether taking them may sleep. */
public enum LockKind {
    /** spinlock_t: raises the preempt count; taking it never sleeps. */
    SPINLOCK("{....}"),
    /** struct mutex: taking it may sleep (might_sleep first). */
    MUTEX("{+.+.}");

    private final String usage;

    LockKind(String usage) { this.usage = usage; }

    /** The lockdep usage-bits column shown in held-lock listings. */
    public String usage() { return usage; }
}
