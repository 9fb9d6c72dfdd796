package org.smmubench.explore;

import java.util.List;

import org.smmubench.bench.RecordedViolation;

/**
 * What makes two findings the same: the invariant and the kernel function it fired in. For a
 * violation raised inside the modelled kernel, the function is the innermost frame of its
 * call trace (where the detector saw it, e.g. {@code dmam_alloc_coherent} for a sleeping
 * allocation). Whole-state checks run between steps have no call trace; there the place is
 * the kind of step they ran after ("after unbind", "teardown"). A step result that differs
 * from the reference tree is the pseudo-invariant {@code step-result}, placed at the step kind
 * and the two results.
 */
public record FindingKey(String invariant, String function) {
    public static final String STEP_RESULT = "step-result";

    static FindingKey of(RecordedViolation v) {
        List<String> bt = v.violation().backtrace();
        if (!bt.isEmpty()) return new FindingKey(v.invariant(), bt.get(0));
        if (v.step() < 0) return new FindingKey(v.invariant(), "teardown");
        if (v.step() == 0) return new FindingKey(v.invariant(), "setup");
        String text = v.stepText();
        int sp = text.indexOf(' ');
        return new FindingKey(v.invariant(), "after " + (sp < 0 ? text : text.substring(0, sp)));
    }

    static FindingKey stepResult(String stepKind, String result, String reference) {
        return new FindingKey(STEP_RESULT, stepKind + " " + result + " (reference: " + reference + ")");
    }

    @Override
    public String toString() { return invariant + " in " + function; }
}
