package org.smmubench.dsl.repl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.smmubench.bench.Bench;
import org.smmubench.bench.RecordedViolation;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.ScenarioRunner;
import org.smmubench.bench.StepOutcome;
import org.smmubench.dsl.script.DslError;
import org.smmubench.dsl.script.ScenarioBuilder;
import org.smmubench.dsl.script.Statements;
import org.smmubench.dsl.script.Suggest;
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
 * A live bench behind the prompt: every statement runs at once and prints what happened.
 * Alongside, the statements that ran are recorded (with the results they had) so
 * {@code save} can write the session as a regression scenario; statements that were
 * rejected never reach the record.
 */
public final class ReplSession implements Statements {
    private final LiveBench.Factory factory;
    private final PrintWriter out;
    private String driverId;
    private LiveBench bench;
    private ScenarioBuilder recorded = new ScenarioBuilder();
    private String name;
    private boolean trace;
    // Statements recorded since the session started, and when it was last saved: `exit`
    // warns once before throwing unsaved work away.
    private int changes;
    private int savedAt;
    private int violationsShown;

    public ReplSession(LiveBench.Factory factory, String driverId, PrintWriter out) {
        this.factory = factory;
        this.driverId = driverId;
        this.out = out;
    }

    public String driverId() { return driverId; }

    public boolean trace() { return trace; }

    // ---- statements ---------------------------------------------------------------------

    @Override
    public void scenario(String name, SourcePos pos) {
        this.name = name;
        out.println("scenario: " + name);
    }

    @Override
    public void description(String text) { recorded.description(text); }

    @Override
    public void drivers(List<String> ids) {
        if (ids.size() != 1)
            throw new DslError("driver: the REPL runs one driver at a time; `driver ID` starts a fresh bench on it");
        switchDriver(ids.get(0));
    }

    /** Kept for {@code save}: the saved scenario carries them. */
    @Override
    public void tags(List<String> tags) { recorded.tags(tags); }

    @Override
    public SmmuOptions smmu() { return recorded.smmu(); }

    @Override
    public void smmu(SmmuOptions options) {
        if (bench != null)
            throw new DslError("smmu: the SMMU is already probed; `reset` first to change what it advertises");
        recorded.smmu(options);
        out.println("smmu: " + options);
    }

    @Override
    public void device(DeviceSpec d) {
        recorded.copyTopology().device(d);          // check before touching the bench
        bench().addDevice(d);
        recorded.device(d);
        changes++;
        out.println(d.name() + ": " + d.bus().yamlName() + " device, sid " + String.join(",",
                d.sids().stream().map(s -> org.smmubench.kernel.Hex.of(Integer.toUnsignedLong(s))).toList())
                + (d.group() != null ? ", group " + d.group() : "") + ": probed");
        printNewViolations();
    }

    @Override
    public void process(ProcessSpec p) {
        recorded.copyTopology().process(p);
        bench().addProcess(p);
        recorded.process(p);
        changes++;
        out.println(p.name() + ": process" + (p.pasid() != null ? ", pasid " + p.pasid() : "")
                + ", " + p.mappings().size() + " mapping(s)");
        printNewViolations();
    }

    @Override
    public void step(Step s) {
        recorded.copyTopology().step(s);
        if (s instanceof Step.Parallel p) {
            if (snapshot("repl").steps().stream().anyMatch(x -> x instanceof Step.Parallel))
                throw new DslError("only one parallel step per session is supported (reset starts over)");
            explore(p);
        }
        StepOutcome o = bench().run(s);
        recorded.step(withResult(s, o));
        changes++;
        printOutcome(o);
        printNewViolations();
    }

    @Override
    public void expect(List<String> driverIds, Set<String> invariants) {
        if (!driverIds.isEmpty() && !driverIds.contains(driverId)) {
            out.println("expect: not for this driver (" + driverId + ")");
            return;
        }
        Set<String> seen = seen();
        out.println(seen.equals(new TreeSet<>(invariants)) ? "expect: met " + seen
                : "expect: NOT met: expected " + new TreeSet<>(invariants) + ", seen so far " + seen);
    }

    /**
     * Before a parallel statement runs on the live bench, the session so far plus that step
     * runs as a scenario over every interleaving (as `run` would, each on a fresh bench). The
     * live bench then takes the first interleaving that raised something the session had not
     * seen or failed a step, so the shell shows the violating one; with none, each task runs to
     * its end in branch order.
     */
    private void explore(Step.Parallel p) {
        Scenario sofar = snapshot("repl");
        List<Step> steps = new ArrayList<>(sofar.steps());
        steps.add(p);
        Scenario s = new Scenario(sofar.name(), sofar.description(), List.of(driverId), sofar.smmu(), sofar.devices(),
                sofar.processes(), steps, sofar.expect(), sofar.pos());
        RunResult r = ScenarioRunner.run(s, driverId, false);
        out.println("parallel: " + r.schedules() + " interleavings run; violated over all of them: " + r.violated()
                + (r.schedule() != null ? "; showing the first that failed: " + r.schedule() : "; none failed, showing t1 then t2 ..."));
        Bench live = bench().bench();
        if (live != null && r.schedule() != null) live.setChooser(new Pinned(Schedule.parse(r.schedule())));
    }

    // ---- commands -----------------------------------------------------------------------

    /** The hardware views {@code show} knows besides device and process names. */
    public static final List<String> HARDWARE_VIEWS = List.of("smmu", "caches", "events");

    public void show(String what) {
        if (HARDWARE_VIEWS.contains(what) && !names().contains(what)) {
            bench().showHardware(what).forEach(out::println);
        } else if (recorded.devices().stream().anyMatch(d -> d.name().equals(what))) {
            bench().showDevice(what).forEach(out::println);
        } else if (recorded.processes().stream().anyMatch(p -> p.name().equals(what))) {
            bench().showProcess(what).forEach(out::println);
        } else {
            List<String> known = new ArrayList<>(HARDWARE_VIEWS);
            known.addAll(names());
            throw new DslError("show: no device or process named '" + what + "'" + Suggest.hint(what, known)
                    + (names().isEmpty() ? " (nothing declared yet; the hardware views are " + String.join(", ", HARDWARE_VIEWS) + ")"
                    : " (known: " + org.smmubench.scenario.Names.list(known) + ")"));
        }
    }

    public void violations() {
        List<RecordedViolation> all = bench == null ? List.of() : bench.violations();
        if (all.isEmpty()) out.println("no violations so far");
        for (RecordedViolation v : all)
            out.println("  " + v.invariant() + "  " + where(v) + ": " + v.violation().message());
    }

    /** How many recorded statements (devices, processes, steps) {@code save} has not written yet. */
    public int unsaved() { return changes - savedAt; }

    /** Called after a successful {@code save}. */
    public void markSaved() { savedAt = changes; }

    /** A fresh bench on the same driver; the session record starts over. */
    public void reset() {
        closeBench();
        recorded = new ScenarioBuilder();
        name = null;
        savedAt = changes;                          // nothing of the old session is left to save
        out.println("reset: fresh bench on " + driverId);
    }

    public void switchDriver(String canonicalId) {
        closeBench();
        recorded = new ScenarioBuilder();
        name = null;
        savedAt = changes;
        driverId = canonicalId;
        out.println("driver " + canonicalId + ": fresh bench (declare the topology again)");
    }

    public void trace(boolean on) {
        trace = on;
        if (bench != null) bench.setTrace(on);
        out.println("trace " + (on ? "on" : "off"));
    }

    /** The underlying Bench for JShell (created on first use). */
    public Bench liveBench() { return bench().bench(); }

    public List<String> deviceNames() { return recorded.devices().stream().map(DeviceSpec::name).toList(); }

    public List<String> processNames() { return recorded.processes().stream().map(ProcessSpec::name).toList(); }

    public List<String> groupNames() {
        Set<String> g = new LinkedHashSet<>();
        recorded.devices().forEach(d -> { if (d.group() != null) g.add(d.group()); });
        return List.copyOf(g);
    }

    /** Invariant ids violated so far on this bench. */
    public Set<String> seen() {
        Set<String> ids = new TreeSet<>();
        if (bench != null) bench.violations().forEach(v -> ids.add(v.invariant()));
        return ids;
    }

    /** The session so far as a scenario: its topology and the steps that ran, expecting what was seen. */
    public Scenario snapshot(String defaultName) {
        Scenario s = recorded.build(name != null ? name : defaultName, new SourcePos("<repl>", 0, 0));
        return withExpectation(s, seen());
    }

    public static Scenario withExpectation(Scenario s, Set<String> ids) {
        // Nothing has run yet (no bench, so no driver): nothing was seen to expect.
        if (s.drivers().isEmpty()) return s;
        String driver = s.drivers().get(0);
        return new Scenario(s.name(), s.description(), s.drivers(), s.smmu(), s.devices(), s.processes(), s.steps(),
                new Expectation(java.util.Optional.empty(), java.util.Map.of(driver, new TreeSet<>(ids))), s.pos(), s.tags());
    }

    public void close() { closeBench(); }

    // ---- plumbing -----------------------------------------------------------------------

    private LiveBench bench() {
        if (bench == null) {
            bench = factory.open(driverId, recorded.smmu());
            bench.setTrace(trace);
            violationsShown = 0;
            recorded.drivers(List.of(driverId));
        }
        return bench;
    }

    private void closeBench() {
        if (bench != null) bench.close();
        bench = null;
        violationsShown = 0;
    }

    private List<String> names() {
        List<String> n = new ArrayList<>(deviceNames());
        n.addAll(processNames());
        return n;
    }

    /** The step as it should replay: expecting the result it had, so the saved run passes. */
    static Step withResult(Step s, StepOutcome o) {
        String r = o.result();
        if (r == null) return s;
        if (s instanceof Step.Bind b) return new Step.Bind(b.device(), b.process(), r, b.pos());
        if (s instanceof Step.Unbind u) return new Step.Unbind(u.device(), u.process(), r, u.pos());
        if (s instanceof Step.Dma d) return new Step.Dma(d.device(), d.process(), d.pasid(), d.va(), d.access(), r, d.pos());
        return s;
    }

    private void printOutcome(StepOutcome o) {
        String detail = o.detail() == null || o.detail().isBlank() || o.detail().equals(o.result()) ? "" : "  (" + o.detail() + ")";
        out.println("[" + o.step() + "] " + o.stepText() + " -> " + o.result() + detail);
        if (o.failure() != null) out.println("    expectation failed: " + o.failure().message());
        if (trace) for (String t : o.trace()) out.println("    | " + t);
    }

    private void printNewViolations() {
        List<RecordedViolation> all = bench.violations();
        for (int i = violationsShown; i < all.size(); i++) {
            RecordedViolation v = all.get(i);
            out.println("!! " + v.invariant() + " violated at " + where(v) + ": " + v.violation().message());
            if (v.violation().splat() != null && !v.violation().splat().isBlank()) {
                v.violation().splat().lines().forEach(l -> out.println("   " + l));
            } else {
                if (!v.violation().locksHeld().isEmpty()) out.println("   locks held: " + String.join(", ", v.violation().locksHeld()));
                if (!v.violation().backtrace().isEmpty()) {
                    out.println("   Call trace:");
                    v.violation().backtrace().forEach(f -> out.println("    " + f));
                }
            }
        }
        violationsShown = all.size();
        out.flush();
    }

    private static String where(RecordedViolation v) {
        return v.step() == 0 ? "setup" : "step " + v.step() + " (" + v.stepText() + ")";
    }
}
