package org.smmubench.kernel;

/** The two lock types the driver uses; they differ in whether taking them may sleep. */
public enum LockKind {
    /** spinlock_t: raises the preempt count; taking it never sleeps. Wait type LD_WAIT_SPIN (2). */
    SPINLOCK("{....}", 2),
    /** struct mutex: taking it may sleep (might_sleep first). Wait type LD_WAIT_SLEEP (3). */
    MUTEX("{+.+.}", 3);

    private final String usage;
    private final int waitType;

    LockKind(String usage, int waitType) {
        this.usage = usage;
        this.waitType = waitType;
    }

    /** The lockdep usage-bits column shown in held-lock listings. */
    public String usage() { return usage; }

    /**
     * What print_lock_name prints after the class name: the usage bits, then "-{outer:inner}"
     * wait types. The numbers are those of a kernel without CONFIG_PROVE_RAW_LOCK_NESTING (the
     * v6.8 default), where spinlock_t's LD_WAIT_CONFIG equals LD_WAIT_SPIN = 2 and a mutex is
     * LD_WAIT_SLEEP = 3; with that option they would read {3:3} and {4:4}.
     */
    public String lockdepSuffix() { return usage + "-{" + waitType + ":" + waitType + "}"; }
}
