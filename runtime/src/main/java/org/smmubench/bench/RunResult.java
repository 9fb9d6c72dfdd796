package org.smmubench.bench;

import java.util.List;
import java.util.Set;

/**
 * One scenario run on one kernel tree: the unit of the report (docs/report.md).
 * {@code status} is "passed" or "failed"; {@code expected}/{@code violated} are sorted
 * invariant ids. {@code trace} holds the modelled call trace and commands when requested;
 * {@code steps} one line per step for {@code run --steps} (empty when a runner has none);
 * {@code recording} the steps' topology snapshots and the kernel event log when a report
 * asked to draw the run (null otherwise). A run with a {@code parallel:} step ran
 * {@code schedules} interleavings, and {@code schedule} is the first that failed (null when none
 * did); without one, {@code schedules} is 0.
 */
public record RunResult(String scenario, String file, String driver, String status,
                        Set<String> expected, Set<String> violated,
                        List<RecordedViolation> violations, List<StepFailure> stepFailures,
                        List<String> trace, long durationMs, List<StepLine> steps, RunRecording recording,
                        int schedules, String schedule) {
    public RunResult {
        expected = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(expected));
        violated = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(violated));
        violations = List.copyOf(violations);
        stepFailures = List.copyOf(stepFailures);
        trace = List.copyOf(trace);
        steps = List.copyOf(steps);
    }

    /** A result without step lines, not recorded. */
    public RunResult(String scenario, String file, String driver, String status,
                     Set<String> expected, Set<String> violated,
                     List<RecordedViolation> violations, List<StepFailure> stepFailures,
                     List<String> trace, long durationMs) {
        this(scenario, file, driver, status, expected, violated, violations, stepFailures, trace, durationMs, List.of(), null, 0, null);
    }

    /** The same run under another scenario name (an Outline row told apart by its ordinal), keeping its recording. */
    public RunResult renamed(String name) {
        return new RunResult(name, file, driver, status, expected, violated, violations, stepFailures, trace, durationMs,
                steps, recording, schedules, schedule);
    }

    public boolean passed() { return "passed".equals(status); }
}
