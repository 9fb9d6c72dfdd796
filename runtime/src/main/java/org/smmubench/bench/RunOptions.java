package org.smmubench.bench;

import org.smmubench.check.Checking;

/**
 * How a run is carried out, the same for every front-end: {@code trace} keeps the modelled
 * call trace and commands; {@code record} keeps each step's topology and the kernel event log
 * for a report that draws the run ({@code --html}); {@code checking} says how the whole-state
 * invariants are checked ({@code --paranoid}).
 */
public record RunOptions(boolean trace, boolean record, Checking checking) {
    /** Traced or not, not recorded, checked the default way. */
    public static RunOptions of(boolean trace) { return new RunOptions(trace, false, Checking.defaultMode()); }
}
