package org.smmubench.bench;

import java.util.List;

/**
 * One step of a recorded run, for the HTML report: the step ({@code no} 0 for topology setup,
 * -1 for teardown), its result, the violations it raised (invariant ids, in order), the
 * range of the run's kernel event log it covers ({@code firstEvent} inclusive,
 * {@code endEvent} exclusive) and the topology as it stood when the step ended.
 */
public record RecordedStep(int no, String text, String result, String detail, List<String> violations,
                           int firstEvent, int endEvent, Topology topology) {
    public RecordedStep {
        violations = List.copyOf(violations);
    }

    RecordedStep withResult(String result, String detail) {
        return new RecordedStep(no, text, result, detail, violations, firstEvent, endEvent, topology);
    }
}
