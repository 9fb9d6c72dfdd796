package org.smmubench.features;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.smmubench.bench.Bench;
import org.smmubench.bench.RecordedViolation;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.StepOutcome;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.ProcessSpec;
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
    private final Set<String> claimedViolated = new TreeSet<>();
    private boolean claimedExactly;
    private final Set<String> claimedNotViolated = new TreeSet<>();

    public ScenarioWorld(RunContext run) { this.run = run; }

    // ---- lifecycle (Hooks) ------------------------------------------------------------

    public void begin(String testCaseId, URI uri, int line) {
        this.testCaseId = testCaseId;
        this.scenarioPos = new SourcePos(run.display(uri), line, 0);
    }

    /**
     * Runs the end-of-run checks and leaves the record for the collector. Fails the scenario
     * when teardown raised an invariant a Then step had claimed could not be violated.
     */
    public void end() {
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
                            + " were not violated:\n" + Render.violations(all));
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
        bench().addDevice(spec);
        devices.add(spec.name());
    }

    public void addProcess(ProcessSpec spec) {
        if (processes.contains(spec.name()))
            throw new IllegalArgumentException("process \"" + spec.name() + "\" is declared twice");
        bench().addProcess(spec);
        processes.add(spec.name());
    }

    /** Runs one action on the bench; the Then steps that follow look at its outcome. */
    public StepOutcome run(Step step) {
        StepOutcome outcome = bench().run(step);
        last = outcome;
        lastStep = step;
        trace.addAll(outcome.trace());
        return outcome;
    }

    public StepOutcome last(String what) {
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
            bench = new Bench(driver(), smmu);
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
