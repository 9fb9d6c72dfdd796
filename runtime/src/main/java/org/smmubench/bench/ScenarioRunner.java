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
        List<StepLine> steps = new ArrayList<>();
        Bench bench = new Bench(parts, scenario.smmu());
        bench.setTrace(trace);
        if (record) bench.startRecording();
        for (DeviceSpec d : scenario.devices()) bench.addDevice(d);
        for (ProcessSpec p : scenario.processes()) bench.addProcess(p);
        if (trace) traceSetup(traceLines, bench.drainTrace());
        for (Step s : scenario.steps()) {
            StepOutcome o = bench.run(s);
            if (trace) traceStep(traceLines, o);
            if (o.failure() != null) failures.add(o.failure());
            steps.add(stepLine(o, bench.violations()));
        }
        List<RecordedViolation> violations = bench.finish();
        Set<String> violated = new TreeSet<>();
        for (RecordedViolation v : violations) violated.add(v.invariant());
        Set<String> expected = scenario.expect().forDriver(parts.driverId());
        boolean passed = violated.equals(new TreeSet<>(expected)) && failures.isEmpty();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new RunResult(scenario.name(), scenario.pos().file(), parts.driverId(), passed ? "passed" : "failed",
                expected, violated, violations, failures, traceLines, ms, steps, bench.recording());
    }

    /** The {@code --steps} line of a step, given every violation of the run so far. */
    public static StepLine stepLine(StepOutcome o, List<RecordedViolation> all) {
        List<String> raised = new ArrayList<>();
        List<String> again = new ArrayList<>();
        for (RecordedViolation v : all) {
            if (v.step() == o.step() && !raised.contains(v.invariant())) raised.add(v.invariant());
            if (v.repeats().stream().anyMatch(r -> r.step() == o.step()) && !again.contains(v.invariant())) again.add(v.invariant());
        }
        return new StepLine(o.step(), o.stepText(), o.result(), o.failure() == null ? null : o.failure().expected(), raised, again);
    }

    /** The {@code --trace} block of the setup (devices and processes added). */
    public static void traceSetup(List<String> out, List<String> lines) { addTrace(out, "setup", lines); }

    /** The {@code --trace} block of one step, under the header every front-end shares. */
    public static void traceStep(List<String> out, StepOutcome o) {
        addTrace(out, "step " + o.step() + ": " + o.stepText() + " -> " + o.result(), o.trace());
    }

    private static void addTrace(List<String> out, String header, List<String> lines) {
        out.add("== " + header);
        for (String l : lines) out.add("  " + l);
    }
}
