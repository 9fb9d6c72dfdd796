package org.smmubench.bench;

import java.util.List;
import java.util.Set;

/**
 * One scenario run on one driver variant: the unit of the report (interface.md §7).
 * {@code status} is "passed" or "failed"; {@code expected}/{@code violated} are sorted
 * invariant ids. {@code trace} holds the modelled call trace and commands when requested.
 */
public record RunResult(String scenario, String file, String driver, String status,
                        Set<String> expected, Set<String> violated,
                        List<RecordedViolation> violations, List<StepFailure> stepFailures,
                        List<String> trace, long durationMs, int schedules, String schedule) {
    /**
     * A run without a {@code parallel:} step: no interleavings. With one, {@code schedules} is
     * how many were run and {@code schedule} the first that failed (null when none did).
     */
    public RunResult(String scenario, String file, String driver, String status, Set<String> expected, Set<String> violated,
                     List<RecordedViolation> violations, List<StepFailure> stepFailures, List<String> trace, long durationMs) {
        this(scenario, file, driver, status, expected, violated, violations, stepFailures, trace, durationMs, 0, null);
    }

    public RunResult {
        expected = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(expected));
        violated = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(violated));
        violations = List.copyOf(violations);
        stepFailures = List.copyOf(stepFailures);
        trace = List.copyOf(trace);
    }

    public boolean passed() { return "passed".equals(status); }
}
