package org.smmubench.features;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.Argument;
import io.cucumber.plugin.event.DataTableArgument;
import io.cucumber.plugin.event.DocStringArgument;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestStepFinished;

import org.smmubench.features.steps.ParameterTypes;
import org.smmubench.scenario.InputError;
import org.smmubench.scenario.ScenarioException;
import org.smmubench.scenario.SourcePos;

/**
 * Listens to a dry run (steps matched, nothing executed) and turns what would fail for
 * reasons of input into located errors: undefined and ambiguous steps (with the closest
 * phrasings), unknown driver/invariant/site/errno names, devices and processes used before
 * a step declares them, and invalid YAML doc strings. Every undefined step is reported, not
 * only a scenario's first. Each error is reported once, even
 * when a Background or an outline repeats its step in several scenarios.
 */
final class StepChecker implements ConcurrentEventListener {
    private final Map<URI, String> displayNames;
    private final Map<Integer, Integer> docStringColumns;
    private final Set<InputError> errors = new LinkedHashSet<>();
    private final Map<UUID, Declared> declared = new HashMap<>();
    // The checks that need no scenario state reuse the step library's own parameter types.
    private final ParameterTypes types = new ParameterTypes(new ScenarioWorld(RunContext.standalone()));

    private static final class Declared {
        final Set<String> devices = new LinkedHashSet<>();
        final Set<String> processes = new LinkedHashSet<>();
        // An undefined step may have been meant to declare a name: later "unknown device"
        // errors would only be its echo.
        boolean undefinedBefore;
    }

    StepChecker(Map<URI, String> displayNames, Map<Integer, Integer> docStringColumns) {
        this.displayNames = displayNames;
        this.docStringColumns = docStringColumns;
    }

    List<InputError> errors() { return new ArrayList<>(errors); }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestCaseStarted.class, e -> declared.put(e.getTestCase().getId(), new Declared()));
        publisher.registerHandlerFor(TestStepFinished.class, this::step);
    }

    private void step(TestStepFinished e) {
        if (!(e.getTestStep() instanceof PickleStepTestStep p)) return;
        String display = displayNames.getOrDefault(p.getUri(), p.getUri().toString());
        int line = p.getStep().getLine();
        int column = p.getStep().getLocation().getColumn();
        String keyword = p.getStep().getKeyword();
        String text = p.getStep().getText();
        SourcePos at = new SourcePos(display, line, column);
        Status s = e.getResult().getStatus();
        Declared d = declared.computeIfAbsent(e.getTestCase().getId(), k -> new Declared());
        // After the first undefined step Cucumber skips the rest without matching them; a
        // skipped step with no code location is undefined too, and is reported as well.
        if (s == Status.UNDEFINED || s == Status.SKIPPED && p.getCodeLocation() == null) {
            d.undefinedBefore = true;
            StringBuilder sb = new StringBuilder("undefined step \"" + keyword + text + "\"; the closest known phrasings are:");
            for (Phrasings.Phrasing ph : Phrasings.closest(text, 3)) sb.append("\n    ").append(ph.display());
            sb.append("\n  (every phrasing: features/STEPS.md)");
            errors.add(new InputError(at, sb.toString()));
            return;
        }
        if (s == Status.AMBIGUOUS) {
            errors.add(new InputError(at, "ambiguous step \"" + keyword + text + "\": "
                    + (e.getResult().getError() == null ? "it matches several phrasings" : e.getResult().getError().getMessage())));
            return;
        }
        for (Argument a : p.getDefinitionArgument()) {
            String value = unquote(a.getValue());
            if (value == null) continue;
            SourcePos argAt = new SourcePos(display, line, column + keyword.length() + a.getStart());
            try {
                check(a.getParameterTypeName(), value, d);
            } catch (IllegalArgumentException ex) {
                errors.add(new InputError(argAt, ex.getMessage()));
            }
        }
        declareFromTable(p, d, at);
        if (text.equals("the scenario:") && p.getStep().getArgument() instanceof DocStringArgument ds) yaml(display, line, ds);
    }

    private void check(String type, String value, Declared d) {
        switch (type) {
            case "driver" -> types.driver(value);
            case "invariant" -> types.invariant(value);
            case "site" -> types.site(value);
            case "errno" -> types.errno(value);
            case "function" -> types.function(value);
            case "number" -> types.number(value);
            case "ordinal" -> types.ordinal(value);
            case "newDevice" -> d.devices.add(types.newDevice(value));
            case "newProcess" -> d.processes.add(types.newProcess(value));
            case "device" -> {
                if (!d.devices.contains(value) && !d.undefinedBefore) throw new IllegalArgumentException(Names.unknown("device", value, d.devices)
                        + "; declare it in an earlier step");
            }
            case "process" -> {
                if (!d.processes.contains(value) && !d.undefinedBefore) throw new IllegalArgumentException(Names.unknown("process", value, d.processes)
                        + "; declare it in an earlier step");
            }
            default -> { }
        }
    }

    // "the devices:" and "the processes:" declare the names in their name column.
    private static void declareFromTable(PickleStepTestStep p, Declared d, SourcePos at) {
        String text = p.getStep().getText();
        Set<String> into = text.equals("the devices:") ? d.devices : text.equals("the processes:") ? d.processes : null;
        if (into == null || !(p.getStep().getArgument() instanceof DataTableArgument t) || t.cells().isEmpty()) return;
        int col = t.cells().get(0).indexOf("name");
        if (col < 0) return;
        for (List<String> row : t.cells().subList(1, t.cells().size())) into.add(row.get(col));
    }

    private void yaml(String display, int stepLine, DocStringArgument ds) {
        int column = docStringColumns.getOrDefault(stepLine, 1);
        try {
            YamlScenarios.parse(display, ds.getLine() + 1, column, ds.getContent());
        } catch (ScenarioException ex) {
            errors.addAll(ex.errors());
        }
    }

    private static String unquote(String v) {
        if (v == null) return null;
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
