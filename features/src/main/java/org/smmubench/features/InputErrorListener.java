package org.smmubench.features;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestStepFinished;

import org.smmubench.scenario.InputError;
import org.smmubench.scenario.ScenarioException;
import org.smmubench.scenario.SourcePos;

/**
 * Listens to the checking run of a feature and keeps the failures that are the input's
 * fault: what the shared input rules refused (a ScenarioException), a value a step cannot
 * take or a step out of order (IllegalArgumentException, IllegalStateException, thrown by
 * the step library and the world before anything is modelled). Failed expectations and
 * anything else are the run's business, not the input's.
 */
final class InputErrorListener implements ConcurrentEventListener {
    private final RunContext run;
    private final Set<InputError> errors = new LinkedHashSet<>();

    InputErrorListener(RunContext run) { this.run = run; }

    List<InputError> errors() { return new ArrayList<>(errors); }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestStepFinished.class, this::step);
    }

    private void step(TestStepFinished e) {
        if (e.getResult().getStatus() != Status.FAILED || !(e.getTestStep() instanceof PickleStepTestStep p)) return;
        Throwable t = e.getResult().getError();
        SourcePos at = new SourcePos(run.display(p.getUri()), p.getStep().getLine(), p.getStep().getLocation().getColumn());
        if (t instanceof ScenarioException se) {
            for (InputError ie : se.errors())
                errors.add(ie.pos().line() > 0 ? ie : new InputError(at, ie.message()));
        } else if (t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
            errors.add(new InputError(at, t.getMessage() == null ? t.toString() : t.getMessage().lines().findFirst().orElse("")));
        }
    }
}
