package org.smmubench.explore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.smmubench.bench.Bench;
import org.smmubench.bench.BenchParts;
import org.smmubench.bench.RecordedViolation;
import org.smmubench.bench.ScenarioRunner;
import org.smmubench.kernel.sched.Chooser;
import org.smmubench.kernel.sched.Interleavings;
import org.smmubench.kernel.sched.Scheduler;
import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.Step;

/**
 * What one scenario did on one driver tree, without judging it: each step's result ("ok", an
 * errno name, "fault" or an event name) and every violation, teardown included. Steps' own
 * {@code expect}s are ignored; explore asks what happened, not whether it was predicted.
 */
record Observation(String driver, List<String> results, List<List<String>> branchResults,
                   List<RecordedViolation> violations) {
    Observation {
        results = List.copyOf(results);
        branchResults = branchResults.stream().map(List::copyOf).toList();
        violations = List.copyOf(violations);
    }

    static Observation of(Scenario s, BenchParts parts) {
        if (s.steps().stream().noneMatch(st -> st instanceof Step.Parallel)) return once(s, parts, null).observation;
        // Every interleaving within the bound: the violations of all of them, the step results
        // of the first (the one that never preempts), as `run` judges a parallel scenario.
        List<Once> runs = new ArrayList<>();
        Interleavings.exhaustive(chooser -> {
            Once o = once(s, parts, chooser);
            runs.add(o);
            return o.execution;
        }, ScenarioRunner.PREEMPTION_BOUND, ex -> false);
        List<RecordedViolation> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Once o : runs)
            for (RecordedViolation v : o.observation.violations)
                if (seen.add(v.invariant() + "\u0000" + v.violation().message())) all.add(v);
        Observation first = runs.get(0).observation;
        return new Observation(parts.driverId(), first.results, first.branchResults, all);
    }

    private record Once(Observation observation, Scheduler.Execution execution) {}

    private static Once once(Scenario s, BenchParts parts, Chooser chooser) {
        Bench bench = new Bench(parts, s.smmu());
        if (chooser != null) bench.setChooser(chooser);
        for (DeviceSpec d : s.devices()) bench.addDevice(d);
        for (ProcessSpec p : s.processes()) bench.addProcess(p);
        List<String> results = new ArrayList<>();
        for (Step step : s.steps()) results.add(bench.run(step).result());
        List<RecordedViolation> violations = bench.finish();
        return new Once(new Observation(parts.driverId(), results, bench.lastBranchResults(), violations), bench.lastParallel());
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
