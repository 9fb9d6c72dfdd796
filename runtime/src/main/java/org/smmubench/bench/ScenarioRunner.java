package org.smmubench.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.smmubench.kernel.sched.Chooser;
import org.smmubench.kernel.sched.Interleavings;
import org.smmubench.kernel.sched.Pinned;
import org.smmubench.kernel.sched.Schedule;
import org.smmubench.kernel.sched.Scheduler;
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
        Step.Parallel p = (Step.Parallel) scenario.steps().stream().filter(st -> st instanceof Step.Parallel).findFirst().orElse(null);
        if (p == null) return run(scenario, parts, trace, record, null).result;
        if (p.schedule() != null) return pinned(scenario, parts, trace, record, p.schedule());
        return interleaved(scenario, parts, trace, record);
    }

    /** A pinned schedule: one run, that interleaving only. */
    private static RunResult pinned(Scenario scenario, BenchParts parts, boolean trace, boolean record, Schedule schedule) {
        Once o = run(scenario, parts, trace, record, new Pinned(schedule));
        RunResult r = o.result;
        return new RunResult(r.scenario(), r.file(), r.driver(), r.status(), r.expected(), r.violated(), r.violations(),
                r.stepFailures(), r.trace(), r.durationMs(), r.steps(), r.recording(), 1, r.passed() ? null : schedule.toString());
    }

    /** Preemptions per interleaving: CHESS's experience is that most concurrency bugs need at most two. */
    public static final int PREEMPTION_BOUND = 2;
    /** Past this many interleavings the exhaustive search gives way to PCT. */
    public static final int EXHAUSTIVE_LIMIT = 500;
    static final int PCT_RUNS = 200;
    static final int PCT_DEPTH = 3;
    static final long PCT_SEED = 1;

    /**
     * A scenario with a parallel step runs once per interleaving within {@link #PREEMPTION_BOUND}
     * (the whole scenario each time, on a fresh bench); when there are more than
     * {@link #EXHAUSTIVE_LIMIT}, the first that many are followed by {@link #PCT_RUNS} PCT samples. It passes when the union of the
     * violations equals the expectation and every step met its expect in every interleaving;
     * the first interleaving that raised an unexpected violation or failed a step is reported
     * as a schedule. Violations and step failures shown are each one's first occurrence.
     */
    private static RunResult interleaved(Scenario scenario, BenchParts parts, boolean trace, boolean record) {
        long t0 = System.nanoTime();
        List<Once> runs = new ArrayList<>();
        java.util.function.Function<Chooser, Scheduler.Execution> execute = chooser -> {
            Once o = run(scenario, parts, trace && runs.isEmpty(), record && runs.isEmpty(), chooser);
            runs.add(o);
            return o.execution;
        };
        Interleavings.Result all = Interleavings.exhaustive(execute, PREEMPTION_BOUND, ex -> runs.size() >= EXHAUSTIVE_LIMIT);
        // Too many to run them all: the rest of the budget goes to PCT samples, seeded so the run repeats.
        if (all.stoppedAt() != null) Interleavings.pct(execute, PCT_SEED, PCT_DEPTH, PCT_RUNS, ex -> false);
        Set<String> expected = scenario.expect().forDriver(parts.driverId());
        Set<String> violated = new TreeSet<>();
        List<RecordedViolation> violations = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        List<StepFailure> failures = new ArrayList<>();
        Set<String> seenFailures = new java.util.HashSet<>();
        String failing = null;
        for (Once o : runs) {
            RunResult r = o.result;
            for (RecordedViolation v : r.violations()) {
                violated.add(v.invariant());
                if (seen.add(v.invariant() + "\u0000" + v.violation().message())) violations.add(v);
            }
            for (StepFailure f : r.stepFailures()) if (seenFailures.add(f.message())) failures.add(f);
            boolean bad = !r.stepFailures().isEmpty() || !expected.containsAll(r.violated());
            if (bad && failing == null && o.execution != null) failing = o.execution.schedule().toString();
        }
        boolean passed = violated.equals(new TreeSet<>(expected)) && failures.isEmpty();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new RunResult(scenario.name(), scenario.pos().file(), parts.driverId(), passed ? "passed" : "failed",
                expected, violated, violations, failures, runs.get(0).result.trace(), ms, runs.get(0).result.steps(),
                runs.get(0).result.recording(), runs.size(), failing);
    }

    private record Once(RunResult result, Scheduler.Execution execution) {}

    private static Once run(Scenario scenario, BenchParts parts, boolean trace, boolean record, Chooser chooser) {
        long t0 = System.nanoTime();
        List<String> traceLines = new ArrayList<>();
        List<StepFailure> failures = new ArrayList<>();
        List<StepLine> steps = new ArrayList<>();
        Bench bench = new Bench(parts, scenario.smmu());
        if (chooser != null) bench.setChooser(chooser);
        bench.setTrace(trace);
        if (record) bench.startRecording();
        for (DeviceSpec d : scenario.devices()) {
            stopIfInterrupted();
            bench.addDevice(d);
        }
        for (ProcessSpec p : scenario.processes()) bench.addProcess(p);
        if (trace) traceSetup(traceLines, bench.drainTrace());
        for (Step s : scenario.steps()) {
            stopIfInterrupted();
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
        return new Once(new RunResult(scenario.name(), scenario.pos().file(), parts.driverId(), passed ? "passed" : "failed",
                expected, violated, violations, failures, traceLines, ms, steps, bench.recording(), 0, null),
                bench.lastParallel());
    }

    /**
     * Gives up the run between two steps (or probes) once the thread is interrupted: a caller
     * that stopped waiting for it (a cancelled parallel job, a harness that declared it hung)
     * gets its core back instead of a run nobody will read. Never in the middle of a step, so
     * no kernel function is left half done; the bench is dropped with the run.
     */
    private static void stopIfInterrupted() {
        if (Thread.currentThread().isInterrupted())
            throw new java.util.concurrent.CancellationException("the scenario run was interrupted");
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
