package org.smmubench.features;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.HookTestStep;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestStepFinished;
import io.cucumber.plugin.event.TestStepStarted;

import org.smmubench.bench.RecordedViolation;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.StepLine;
import org.smmubench.bench.StepFailure;
import org.smmubench.scenario.SourcePos;

/**
 * Turns each Gherkin scenario Cucumber runs into one {@link RunResult}, the unit of the
 * bench's matrix and reports. A concurrent listener, so it hears each step start before the
 * step runs and can tell the world where that step is written.
 */
final class ResultCollector implements ConcurrentEventListener {
    private final RunContext run;
    private final List<RunResult> results = new ArrayList<>();
    private final List<Integer> lines = new ArrayList<>();
    private final Map<java.util.UUID, Case> cases = new HashMap<>();

    private static final class Case {
        final Instant started;
        int stepIndex;
        final List<StepFailure> failures = new ArrayList<>();
        final List<StepLine> steps = new ArrayList<>();
        // Occurrences of each violation (invariant and message) after the previous step.
        Map<String, Integer> seen = Map.of();

        Case(Instant started) { this.started = started; }
    }

    ResultCollector(RunContext run) { this.run = run; }

    List<RunResult> results() { return List.copyOf(results); }

    /** The line each result's test case is known by (its Scenario, or its Examples row). */
    List<Integer> lines() { return List.copyOf(lines); }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestCaseStarted.class, e -> cases.put(e.getTestCase().getId(), new Case(e.getInstant())));
        publisher.registerHandlerFor(TestStepStarted.class, this::stepStarted);
        publisher.registerHandlerFor(TestStepFinished.class, this::stepFinished);
        publisher.registerHandlerFor(TestCaseFinished.class, this::caseFinished);
    }

    private void stepStarted(TestStepStarted e) {
        if (e.getTestStep() instanceof PickleStepTestStep p)
            run.currentStep(new SourcePos(run.display(p.getUri()), p.getStep().getLine(), p.getStep().getLocation().getColumn()));
    }

    private void stepFinished(TestStepFinished e) {
        Case c = cases.get(e.getTestCase().getId());
        Result r = e.getResult();
        if (e.getTestStep() instanceof PickleStepTestStep p) {
            c.stepIndex++;
            String text = p.getStep().getKeyword() + p.getStep().getText();
            StepFailure f = failed(r.getStatus()) ? failure(c.stepIndex, text, r) : null;
            if (f != null) c.failures.add(f);
            c.steps.add(stepLine(c, c.stepIndex, text, r, f));
        } else if (e.getTestStep() instanceof HookTestStep && failed(r.getStatus())) {
            // Only the end-of-run check fails in a hook; it counts after the last step.
            c.failures.add(failure(c.stepIndex + 1, "end of scenario", r));
        }
    }

    private void caseFinished(TestCaseFinished e) {
        TestCase tc = e.getTestCase();
        Case c = cases.remove(tc.getId());
        Status status = e.getResult().getStatus();
        ScenarioRecord rec = run.takeRecord(tc.getId().toString())
                .orElse(new ScenarioRecord(run.driverOverride().orElse(org.smmubench.driver.tree.DriverVariants.DEFAULT),
                        Set.of(), List.of(), List.of(), null));
        Set<String> violated = new java.util.TreeSet<>();
        rec.violations().forEach(v -> violated.add(v.invariant()));
        lines.add(tc.getLocation().getLine());
        results.add(new RunResult(tc.getName(), run.display(tc.getUri()), rec.driver(),
                status == Status.PASSED ? "passed" : "failed", rec.expected(), violated, rec.violations(),
                c.failures, rec.trace(), Duration.between(c.started, e.getInstant()).toMillis(), c.steps,
                rec.recording(), 0, null));
    }

    /** The --steps line of a Gherkin step: its status, and the violations new or repeated since the last step. */
    private StepLine stepLine(Case c, int index, String text, Result r, StepFailure f) {
        Map<String, Integer> now = new HashMap<>();
        List<String> raised = new ArrayList<>();
        List<String> again = new ArrayList<>();
        for (RecordedViolation v : run.violationsSoFar()) {
            String key = v.invariant() + "\u0000" + v.violation().message();
            now.put(key, v.count());
            Integer before = c.seen.get(key);
            if (before == null) { if (!raised.contains(v.invariant())) raised.add(v.invariant()); }
            else if (v.count() > before && !again.contains(v.invariant())) again.add(v.invariant());
        }
        c.seen = now;
        String status = r.getStatus().name().toLowerCase(java.util.Locale.ROOT);
        return new StepLine(index, text, status, f == null ? null : f.expected(), raised, again);
    }

    private static boolean failed(Status s) {
        return s == Status.FAILED || s == Status.UNDEFINED || s == Status.AMBIGUOUS || s == Status.PENDING;
    }

    private static String orNone(String s) { return s == null || s.isEmpty() ? "none" : s; }

    private static StepFailure failure(int index, String text, Result r) {
        Throwable t = r.getError();
        String message = t == null ? r.getStatus().name().toLowerCase(java.util.Locale.ROOT)
                : t.getMessage() == null ? t.toString() : t.getMessage();
        // An expectation's first line is whole and the report prints the violations itself;
        // any other message is kept entire, its lines joined, so nothing is cut off.
        if (t instanceof ExpectationFailed x)
            return new StepFailure(index, text, orNone(x.expected()), orNone(x.actual()), message.lines().findFirst().orElse(message));
        message = String.join("; ", message.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        return new StepFailure(index, text, "pass", r.getStatus().name().toLowerCase(java.util.Locale.ROOT), message);
    }
}
