package org.smmubench.bench;

import java.util.ArrayList;
import java.util.List;

import org.smmubench.kernel.Violation;

/**
 * A violation together with the scenario step that caused it (1-based; 0 = topology setup),
 * and the later steps where the very same violation (same invariant, same message) happened
 * again. The kernel prints such a splat once (lockdep turns itself off, might_sleep is rate
 * limited), so the report keeps the first one; the repeats are counted and listed so that
 * three leaf allocations under a spinlock do not read as one.
 */
public record RecordedViolation(int step, String stepText, Violation violation, List<Repeat> repeats) {
    /** A later occurrence of the same violation. */
    public record Repeat(int step, String stepText) {}

    public RecordedViolation {
        repeats = List.copyOf(repeats);
    }

    public RecordedViolation(int step, String stepText, Violation violation) {
        this(step, stepText, violation, List.of());
    }

    public String invariant() { return violation.invariant(); }

    /** How many times it happened: the first time and every repeat. */
    public int count() { return 1 + repeats.size(); }

    /** This violation, also seen at {@code step}. */
    public RecordedViolation repeatedAt(int step, String stepText) {
        List<Repeat> r = new ArrayList<>(repeats);
        r.add(new Repeat(step, stepText));
        return new RecordedViolation(this.step, this.stepText, violation, r);
    }
}
