package org.smmubench.kernel;

import java.util.List;

/**
 * One entry of the current task's held-lock stack, as lockdep keeps it.
 *
 * @param lock      the lock instance (identity matters: two groups' mutexes share a class)
 * @param className lockdep class name, e.g. "&smmu_domain->devices_lock"
 * @param takenAt   the modelled kernel function that took it (innermost frame at lock time)
 * @param backtrace the call trace at lock time, innermost first
 */
public record HeldLock(Object lock, String className, LockKind kind, String takenAt,
                       List<String> backtrace) {
    public HeldLock {
        backtrace = Backtrace.keep(backtrace);
    }

    /** " #i: (class){usage}-{n:n}, at: function", the held-lock line of lockdep reports (no address). */
    String line(int index) {
        return " #" + index + ": (" + className + ")" + kind.lockdepSuffix() + ", at: " + takenAt;
    }
}
