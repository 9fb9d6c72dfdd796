package org.smmubench.kernel;

/**
 * Thrown when the soft-lockup watchdog abandons a kernel call that did not end (a loop past
 * {@link SoftLockupWatchdog#ABANDON} commands): the real CPU would spin there forever. The
 * frames and locks unwind through their finally blocks; the bench reports the step as "hang".
 */
public final class CpuStuck extends RuntimeException {
    private final String function;

    CpuStuck(String function, long work) {
        super(function + " still looping after " + work + " commands without a schedule point; the bench abandoned the call");
        this.function = function;
    }

    /** The kernel function the CPU was stuck in. */
    public String function() { return function; }
}
