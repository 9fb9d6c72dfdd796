package org.smmubench.features;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.smmubench.bench.Bench;
import org.smmubench.bench.BenchParts;
import org.smmubench.check.Checking;
import org.smmubench.bench.RecordedViolation;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.ScenarioRunner;
import org.smmubench.bench.StepOutcome;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.kernel.sched.Pinned;
import org.smmubench.kernel.sched.Schedule;
import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.Expectation;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.SmmuOptions;
import org.smmubench.scenario.SourcePos;
import org.smmubench.scenario.Step;

/**
 * One Gherkin scenario's state: the configuration its Given steps chose, the live Bench
 * (created on first need, so configuration must come first), the outcome of the last
 * action, and what its Then steps claimed about violations. Cucumber makes one per scenario.
 */
public final class ScenarioWorld {
    private final RunContext run;
    private String testCaseId;
    private SourcePos scenarioPos = SourcePos.UNKNOWN;
    private String driverFromStep;
    private SmmuOptions smmu = SmmuOptions.defaults();
    private Bench bench;
    private RunResult wholeScenario;
    private final Set<String> devices = new LinkedHashSet<>();
    private final Set<String> processes = new LinkedHashSet<>();
    private StepOutcome last;
    private Step lastStep;
    private final List<String> trace = new ArrayList<>();
    private boolean setupTraced;
    private final Set<String> claimedViolated = new TreeSet<>();
    private boolean claimedExactly;
    private final Set<String> claimedNotViolated = new TreeSet<>();
    /** What ran so far, as a YAML scenario would hold it: replayed under every interleaving of concurrent tasks. */
    private final List<DeviceSpec> deviceSpecs = new ArrayList<>();
    private final List<ProcessSpec> processSpecs = new ArrayList<>();
    private final List<Step> ran = new ArrayList<>();
    /** The tasks being collected ("in task N:"), null when actions run at once. */
    private List<List<Step>> tasks;
    private RunResult lastConcurrent;

    public ScenarioWorld(RunContext run) { this.run = run; }

    // ---- lifecycle (Hooks) ------------------------------------------------------------

    public void begin(String testCaseId, URI uri, int line) {
        this.testCaseId = testCaseId;
        run.violationsSource(this::violations);
        this.scenarioPos = new SourcePos(run.display(uri), line, 0);
    }

    /**
     * Runs the end-of-run checks and leaves the record for the collector. Fails the scenario
     * when teardown raised an invariant a Then step had claimed could not be violated.
     */
    public void end() {
        if (tasks != null)
            throw new IllegalStateException("task " + tasks.size() + " was collected but never run: end the tasks with"
                    + " \"When the tasks run concurrently\"");
        List<RecordedViolation> before = violations();
        List<RecordedViolation> all = bench != null ? bench.finish() : before;
        run.record(testCaseId, new ScenarioRecord(driver(), expected(), all, trace, benchRecording()));
        if (bench != null) bench.close();
        List<String> unclaimed = all.subList(Math.min(before.size(), all.size()), all.size()).stream()
                .map(RecordedViolation::invariant)
                .filter(id -> claimedExactly && !claimedViolated.contains(id) || claimedNotViolated.contains(id))
                .distinct().toList();
        if (!unclaimed.isEmpty())
            throw new ExpectationFailed(String.join(", ", claimedViolated), String.join(", ", unclaimed),
                    "the end-of-run checks raised " + unclaimed + ", which the scenario's Then steps said"
                            + " were not violated\n" + Render.violations(all));
    }

    // ---- configuration ----------------------------------------------------------------

    /** The driver this scenario runs on: {@code --driver}, else its Given step, else the default. */
    public String driver() {
        if (wholeScenario != null) return wholeScenario.driver();
        return run.driverOverride().orElse(driverFromStep != null ? driverFromStep : DriverVariants.DEFAULT);
    }

    /** True when the driver was chosen by a step or by --driver (a YAML doc string then must follow it). */
    public boolean driverChosen() { return driverFromStep != null || run.driverOverride().isPresent(); }

    public void chooseDriver(String canonicalId) {
        requireConfigurable("the driver");
        driverFromStep = canonicalId;
    }

    public SmmuOptions smmu() { return smmu; }

    public void smmu(SmmuOptions options) {
        requireConfigurable("the SMMU");
        smmu = options;
    }

    private void requireConfigurable(String what) {
        if (bench != null || wholeScenario != null)
            throw new IllegalStateException(what + " must be configured before the first device, process"
                    + " or action (the bench is already running)");
    }

    // ---- topology and actions -----------------------------------------------------------

    public Set<String> devices() { return Collections.unmodifiableSet(devices); }

    public Set<String> processes() { return Collections.unmodifiableSet(processes); }

    public void addDevice(DeviceSpec spec) {
        if (devices.contains(spec.name()))
            throw new IllegalArgumentException("device \"" + spec.name() + "\" is declared twice");
        requireNotCollecting("a device");
        bench().addDevice(spec);
        devices.add(spec.name());
        deviceSpecs.add(spec);
    }

    public void addProcess(ProcessSpec spec) {
        if (processes.contains(spec.name()))
            throw new IllegalArgumentException("process \"" + spec.name() + "\" is declared twice");
        requireNotCollecting("a process");
        bench().addProcess(spec);
        processes.add(spec.name());
        processSpecs.add(spec);
    }

    /**
     * Runs one action on the bench; the Then steps that follow look at its outcome. While
     * tasks are collected, the action joins the current task instead, and its outcome is the
     * result it expects (it runs, and is checked, when the tasks run).
     */
    public StepOutcome run(Step step) {
        if (tasks != null) {
            tasks.get(tasks.size() - 1).add(step);
            String expected = step instanceof Step.Bind b ? b.expect() : step instanceof Step.Unbind u ? u.expect() : "ok";
            return new StepOutcome(0, step.text(), expected, "collected into task " + tasks.size(), List.of(), null, List.of());
        }
        Bench b = bench();
        // The same headers as a YAML run's trace: what setup did, then each step's block.
        if (run.trace() && !setupTraced) {
            ScenarioRunner.traceSetup(trace, b.drainTrace());
            setupTraced = true;
        }
        StepOutcome outcome = b.run(step);
        last = outcome;
        lastStep = step;
        ran.add(expecting(step, outcome.result()));
        if (run.trace()) ScenarioRunner.traceStep(trace, outcome);
        return outcome;
    }

    /** The step as a replay expects it: bind, unbind and DMA expect the result they gave here. */
    private static Step expecting(Step st, String result) {
        if (st instanceof Step.Bind b) return new Step.Bind(b.device(), b.process(), result, b.pos());
        if (st instanceof Step.Unbind u) return new Step.Unbind(u.device(), u.process(), result, u.pos());
        if (st instanceof Step.Dma d) return new Step.Dma(d.device(), d.process(), d.pasid(), d.va(), d.access(), result, d.pos());
        return st;
    }

    // ---- concurrent tasks -----------------------------------------------------------------

    /** "in task N:": tasks are numbered from 1 in order, and each holds at least one action. */
    public void openTask(int n) {
        if (wholeScenario != null)
            throw new IllegalStateException("this scenario already ran a whole YAML scenario (Given the scenario:)");
        int expected = tasks == null ? 1 : tasks.size() + 1;
        if (n != expected)
            throw new IllegalArgumentException("tasks are numbered 1, 2, ... in order: expected task " + expected + ", found task " + n);
        if (tasks != null && tasks.get(tasks.size() - 1).isEmpty())
            throw new IllegalArgumentException("task " + tasks.size() + " has no action (write its actions after \"in task "
                    + tasks.size() + ":\")");
        if (tasks == null) tasks = new ArrayList<>();
        tasks.add(new ArrayList<>());
    }

    /**
     * "the tasks run concurrently": the scenario so far plus the tasks as one parallel step
     * runs over every interleaving (each on a fresh bench, as `run` does); then this bench runs
     * the first interleaving that raised a violation not seen so far or failed a step (or,
     * with none, the tasks in order), so the Then steps look at the violating one.
     */
    public StepOutcome runTasks() {
        if (tasks == null || tasks.size() < 2)
            throw new IllegalArgumentException("concurrent steps need at least two tasks (\"in task 1:\", \"in task 2:\")"
                    + (tasks == null ? "" : "; found " + tasks.size()));
        if (tasks.get(tasks.size() - 1).isEmpty())
            throw new IllegalArgumentException("task " + tasks.size() + " has no action");
        Step.Parallel p = new Step.Parallel(tasks, null, here());
        tasks = null;
        List<Step> steps = new ArrayList<>(ran);
        steps.add(p);
        Set<String> seen = violated();
        Scenario sofar = new Scenario("gherkin", null, List.of(driver()), smmu, deviceSpecs, processSpecs, steps,
                new Expectation(java.util.Optional.of(seen), java.util.Map.of()), scenarioPos);
        RunResult r = ScenarioRunner.run(sofar, BenchParts.of(driver()).withChecking(run.checking()), false);
        lastConcurrent = r;
        if (r.schedule() != null) bench().setChooser(new Pinned(Schedule.parse(r.schedule())));
        StepOutcome o = run(p);
        // A later replay runs this step as it ran here: its interleaving pinned, each action expecting its result.
        List<List<Step>> branches = new ArrayList<>();
        List<List<String>> results = bench().lastBranchResults();
        for (int t = 0; t < p.branches().size(); t++) {
            List<Step> branch = new ArrayList<>();
            for (int j = 0; j < p.branches().get(t).size(); j++) branch.add(expecting(p.branches().get(t).get(j), results.get(t).get(j)));
            branches.add(branch);
        }
        ran.set(ran.size() - 1, new Step.Parallel(branches, bench().lastParallel().schedule(), p.pos()));
        if (o.failure() != null)
            throw new ExpectationFailed(o.failure().expected(), o.failure().actual(), o.failure().message()
                    + " (interleaving " + (r.schedule() != null ? r.schedule() : "with no preemption") + ", one of "
                    + r.schedules() + " run)");
        return o;
    }

    /** The interleavings explored by the last "the tasks run concurrently". */
    public RunResult lastConcurrent() {
        if (lastConcurrent == null) throw new IllegalStateException("no tasks have run concurrently yet");
        return lastConcurrent;
    }

    private void requireNotCollecting(String what) {
        if (tasks != null)
            throw new IllegalStateException(what + " cannot be declared while task " + tasks.size() + " is collected;"
                    + " declare it before \"in task 1:\"");
    }

    public StepOutcome last(String what) {
        if (tasks != null)
            throw new IllegalStateException("task " + tasks.size() + " is being collected: its actions have not run, so there"
                    + " is no " + what + " to check yet (\"When the tasks run concurrently\" runs them)");
        if (last == null) throw new IllegalStateException("no action has run yet, so there is no " + what + " to check");
        return last;
    }

    /** The last action, for Then steps that only make sense after one kind (a DMA). */
    public Step lastStep(String what) {
        last(what);
        return lastStep;
    }

    /**
     * Whether the CD at the process's PASID in the device's CD table is valid, as the SMMU
     * would read it from memory.
     */
    public boolean cdValid(String process, String device) {
        return CdProbe.valid(bench(), process, device);
    }

    /** Where the Gherkin step being run was written (the scenario's line outside the CLI). */
    public SourcePos here() { return run.currentStep().orElse(scenarioPos); }

    public SourcePos scenarioPos() { return scenarioPos; }

    private Bench bench() {
        if (wholeScenario != null)
            throw new IllegalStateException("this scenario already ran a whole YAML scenario (Given the scenario:);"
                    + " only Then steps about its violations may follow");
        if (bench == null) {
            bench = new Bench(BenchParts.of(driver()).withChecking(run.checking()), smmu);
            bench.setTrace(run.trace());
            if (run.record()) bench.startRecording();
        }
        return bench;
    }

    // ---- whole YAML scenarios -----------------------------------------------------------

    /** What the bench recorded for the HTML report (null when not asked, or nothing ran). */
    private org.smmubench.bench.RunRecording benchRecording() {
        if (wholeScenario != null) return wholeScenario.recording();
        return bench == null ? null : bench.recording();
    }

    /** Whether the run asked for the recording the bench's HTML report draws. */
    public boolean recordingWanted() { return run.record(); }

    /** Whether the run asked for the modelled call trace (--trace). */
    public boolean tracing() { return run.trace(); }

    /** How this run checks the whole-state invariants (run --paranoid, or the test suite's cross-check). */
    public Checking checking() { return run.checking(); }

    public boolean started() { return bench != null || wholeScenario != null; }

    public void wholeScenario(RunResult result) {
        wholeScenario = result;
        trace.addAll(result.trace());
    }

    // ---- violations ---------------------------------------------------------------------

    public List<RecordedViolation> violations() {
        if (wholeScenario != null) return wholeScenario.violations();
        return bench == null ? List.of() : bench.violations();
    }

    public Set<String> violated() {
        Set<String> ids = new TreeSet<>();
        violations().forEach(v -> ids.add(v.invariant()));
        return ids;
    }

    /** A Then step said this invariant is violated. */
    public void claimViolated(String id) { claimedViolated.add(id); }

    /** A Then step said this invariant is not violated (re-checked after the end-of-run checks). */
    public void claimNotViolated(String id) { claimedNotViolated.add(id); }

    /** A Then step gave the whole set of violated invariants (possibly empty). */
    public void claimExactly(Set<String> ids) {
        claimedViolated.addAll(ids);
        claimedExactly = true;
    }

    private Set<String> expected() {
        if (wholeScenario != null) return wholeScenario.expected();
        return claimedViolated;
    }
}
