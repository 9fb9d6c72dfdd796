package org.smmubench.explore;

import java.util.ArrayList;
import java.util.List;

import org.smmubench.bench.Bench;
import org.smmubench.bench.BenchParts;
import org.smmubench.bench.RecordedViolation;
import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.Step;

/**
 * What one scenario did on one driver tree, without judging it: each step's result ("ok", an
 * errno name, "fault" or an event name) and every violation, teardown included. Steps' own
 * {@code expect}s are ignored; explore asks what happened, not whether it was predicted.
 */
record Observation(String driver, List<String> results, List<RecordedViolation> violations) {
    Observation {
        results = List.copyOf(results);
        violations = List.copyOf(violations);
    }

    static Observation of(Scenario s, BenchParts parts) {
        Bench bench = new Bench(parts, s.smmu());
        for (DeviceSpec d : s.devices()) bench.addDevice(d);
        for (ProcessSpec p : s.processes()) bench.addProcess(p);
        List<String> results = new ArrayList<>();
        for (Step step : s.steps()) results.add(bench.run(step).result());
        return new Observation(parts.driverId(), results, bench.finish());
    }

    /** The distinct findings this run shows, in the order they were raised. */
    List<FindingKey> keys() {
        List<FindingKey> out = new ArrayList<>();
        for (RecordedViolation v : violations) {
            FindingKey k = FindingKey.of(v);
            if (!out.contains(k)) out.add(k);
        }
        return out;
    }
}
