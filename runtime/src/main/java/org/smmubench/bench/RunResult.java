package org.smmubench.bench;

import java.util.List;
import java.util.Set;

/**
 * One scenario run on one driver variant: the unit of the report.
 * {@code status} is "passed" or "failed"; {@code expected}/{@code violated} are sorted
 * invariant ids. {@code trace} holds the modelled call trace and commands when requested;
 * {@code recording} the steps' topology snapshots and the kernel event log when a report
 * asked to draw the run (null otherwise).
 */
public record RunResult(String scenario, String file, String driver, String status,
                        Set<String> expected, Set<String> violated,
                        List<RecordedViolation> violations, List<StepFailure> stepFailures,
                        List<String> trace, long durationMs, RunRecording recording) {
    public RunResult {
        expected = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(expected));
        violated = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(violated));
        violations = List.copyOf(violations);
        stepFailures = List.copyOf(stepFailures);
        trace = List.copyOf(trace);
    }

    /** A run that was not recorded (no {@code --html}): {@code recording} is null. */
    public RunResult(String scenario, String file, String driver, String status,
                     Set<String> expected, Set<String> violated,
                     List<RecordedViolation> violations, List<StepFailure> stepFailures,
                     List<String> trace, long durationMs) {
        this(scenario, file, driver, status, expected, violated, violations, stepFailures, trace, durationMs, null);
    }

    /** The same run under another name (e.g. an Examples row's ordinal), keeping its recording. */
    public RunResult withScenario(String name) {
        return new RunResult(name, file, driver, status, expected, violated, violations, stepFailures, trace, durationMs, recording);
    }

    public boolean passed() { return "passed".equals(status); }
}
