package org.smmubench.kernel;

import java.util.List;

/**
 * One invariant violation as a detector saw it: which invariant, a one-line message, the
 * modelled kernel call trace (innermost first, kernel names), the lockdep classes held
 * (outermost first) and, where the kernel would print one, the full splat text.
 */
public record Violation(String invariant, String message, List<String> backtrace,
                        List<String> locksHeld, String splat) {
    public Violation {
        backtrace = List.copyOf(backtrace);
        locksHeld = List.copyOf(locksHeld);
        splat = splat == null ? "" : splat;
    }

    /** A violation found by a whole-state check after a step: no call trace, no locks. */
    public static Violation ofState(String invariant, String message) {
        return new Violation(invariant, message, List.of(), List.of(), "");
    }
}
