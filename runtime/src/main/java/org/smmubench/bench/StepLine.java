package org.smmubench.bench;

import java.util.List;

/**
 * One step as {@code run --steps} prints it: its number and text, its result ("ok", an
 * errno, a DMA event; "passed"/"failed"/"skipped" for a Gherkin step), what it was expected
 * to give when it did not ({@code null} when it met its expectation), the invariants it
 * violated for the first time in the run, and those it violated again (a repeat keeps the
 * first splat, see {@link RecordedViolation}).
 */
public record StepLine(int step, String text, String result, String unmet, List<String> raised, List<String> again) {
    public StepLine {
        raised = List.copyOf(raised);
        again = List.copyOf(again);
    }

    public boolean failed() { return unmet != null; }
}
