package org.smmubench.features;

import java.util.List;
import java.util.Set;

import org.smmubench.bench.RecordedViolation;

/**
 * What one Gherkin scenario's world hands to the result collector when it ends: the driver
 * it ran on, the invariants its Then steps claimed, every violation the bench recorded
 * (including the end-of-run checks), the modelled trace when tracing was on, and the
 * recording (steps, topology, kernel events) when the HTML report asked for one, else null.
 */
public record ScenarioRecord(String driver, Set<String> expected, List<RecordedViolation> violations,
                             List<String> trace, org.smmubench.bench.RunRecording recording) {
    public ScenarioRecord {
        expected = Set.copyOf(expected);
        violations = List.copyOf(violations);
        trace = List.copyOf(trace);
    }
}
