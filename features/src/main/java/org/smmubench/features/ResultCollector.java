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

import org.smmubench.bench.RunResult;
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
    private final Map<java.util.UUID, Case> cases = new HashMap<>();

    private static final class Case {
        final Instant started;
        int stepIndex;
        final List<StepFailure> failures = new ArrayList<>();

        Case(Instant started) { this.started = started; }
    }

    ResultCollector(RunContext run) { this.run = run; }

    List<RunResult> results() { return List.copyOf(results); }

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
            if (failed(r.getStatus()))
                c.failures.add(failure(c.stepIndex, p.getStep().getKeyword() + p.getStep().getText(), r));
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
        results.add(new RunResult(tc.getName(), run.display(tc.getUri()), rec.driver(),
                status == Status.PASSED ? "passed" : "failed", rec.expected(), violated, rec.violations(),
                c.failures, rec.trace(), Duration.between(c.started, e.getInstant()).toMillis(), rec.recording()));
    }

    private static boolean failed(Status s) {
        return s == Status.FAILED || s == Status.UNDEFINED || s == Status.AMBIGUOUS || s == Status.PENDING;
    }

    private static String orNone(String s) { return s == null || s.isEmpty() ? "none" : s; }

    private static StepFailure failure(int index, String text, Result r) {
        Throwable t = r.getError();
        String message = t == null ? r.getStatus().name().toLowerCase(java.util.Locale.ROOT)
                : t.getMessage() == null ? t.toString() : t.getMessage();
        // The report prints the violations itself; the step's line says what was wrong.
        message = message.lines().findFirst().orElse(message).replaceFirst(":$", "");
        if (t instanceof ExpectationFailed x) return new StepFailure(index, text, orNone(x.expected()), orNone(x.actual()), message);
        return new StepFailure(index, text, "pass", r.getStatus().name().toLowerCase(java.util.Locale.ROOT), message);
    }
}
