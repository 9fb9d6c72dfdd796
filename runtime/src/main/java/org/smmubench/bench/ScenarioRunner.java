package org.smmubench.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.Step;

/**
 * Runs a whole scenario on one driver variant: builds a Bench, adds devices and processes,
 * runs every step (continuing after violations and failed expectations, as the kernel
 * continues after a splat), finishes, and compares with the expectation.
 */
public final class ScenarioRunner {
    private ScenarioRunner() {}

    public static RunResult run(Scenario scenario, String driverId, boolean trace) {
        return run(scenario, BenchParts.of(driverId), trace);
    }

    public static RunResult run(Scenario scenario, BenchParts parts, boolean trace) {
        return run(scenario, parts, trace, false);
    }

    /** {@code record}: keep the steps' topology snapshots and the kernel event log ({@link Bench#startRecording()}). */
    public static RunResult run(Scenario scenario, String driverId, boolean trace, boolean record) {
        return run(scenario, BenchParts.of(driverId), trace, record);
    }

    public static RunResult run(Scenario scenario, BenchParts parts, boolean trace, boolean record) {
        long t0 = System.nanoTime();
        List<String> traceLines = new ArrayList<>();
        List<StepFailure> failures = new ArrayList<>();
        Bench bench = new Bench(parts, scenario.smmu());
        bench.setTrace(trace);
        if (record) bench.startRecording();
        for (DeviceSpec d : scenario.devices()) bench.addDevice(d);
        for (ProcessSpec p : scenario.processes()) bench.addProcess(p);
        if (trace) addTrace(traceLines, "setup", bench.drainTrace());
        for (Step s : scenario.steps()) {
            StepOutcome o = bench.run(s);
            if (trace) addTrace(traceLines, "step " + o.step() + ": " + o.stepText() + " -> " + o.result(), o.trace());
            if (o.failure() != null) failures.add(o.failure());
        }
        List<RecordedViolation> violations = bench.finish();
        Set<String> violated = new TreeSet<>();
        for (RecordedViolation v : violations) violated.add(v.invariant());
        Set<String> expected = scenario.expect().forDriver(parts.driverId());
        boolean passed = violated.equals(new TreeSet<>(expected)) && failures.isEmpty();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new RunResult(scenario.name(), scenario.pos().file(), parts.driverId(), passed ? "passed" : "failed",
                expected, violated, violations, failures, traceLines, ms, bench.recording());
    }

    private static void addTrace(List<String> out, String header, List<String> lines) {
        out.add("== " + header);
        for (String l : lines) out.add("  " + l);
    }
}
