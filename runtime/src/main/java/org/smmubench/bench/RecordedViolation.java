package org.smmubench.bench;

import org.smmubench.kernel.Violation;

/** A violation together with the scenario step that caused it (1-based; 0 = topology setup). */
public record RecordedViolation(int step, String stepText, Violation violation) {
    public String invariant() { return violation.invariant(); }
}
