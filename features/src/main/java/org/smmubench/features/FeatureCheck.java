package org.smmubench.features;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cucumber.gherkin.GherkinParser;
import io.cucumber.messages.types.Background;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.FeatureChild;
import io.cucumber.messages.types.GherkinDocument;
import io.cucumber.messages.types.Location;
import io.cucumber.messages.types.RuleChild;
import io.cucumber.messages.types.Scenario;

import org.smmubench.scenario.InputError;
import org.smmubench.scenario.ScenarioException;
import org.smmubench.scenario.SourcePos;

/**
 * Checks a feature file before anything runs: Gherkin syntax, then every step against the
 * library (undefined and ambiguous steps, unknown names, YAML doc strings), so a bad suite
 * is an input error ({@code FILE:LINE:COLUMN: message}, exit code 2) and not a half run.
 */
final class FeatureCheck {
    private FeatureCheck() {}

    /** The number of Gherkin scenarios (pickles) in the file; throws ScenarioException when it is bad. */
    static int check(Path file, String display, URI uri) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + display, e);
        }
        List<InputError> errors = new ArrayList<>();
        int[] pickles = {0};
        Map<Integer, Integer> docStringColumns = new HashMap<>();
        GherkinParser.builder().includeSource(false).build().parse(display, bytes).forEach(e -> {
            e.getParseError().ifPresent(pe -> errors.add(new InputError(
                    pos(display, pe.getSource().getLocation().orElse(null)), stripLocation(pe.getMessage()))));
            e.getGherkinDocument().ifPresent(d -> docStrings(d, docStringColumns));
            if (e.getPickle().isPresent()) pickles[0]++;
        });
        if (!errors.isEmpty()) throw new ScenarioException(errors);
        StepChecker checker = new StepChecker(Map.of(uri, display), docStringColumns);
        CucumberRun.run(List.of(uri), new RunContext(null, false, Map.of(uri, display)), true, List.of(checker));
        if (!checker.errors().isEmpty()) throw new ScenarioException(checker.errors());
        return pickles[0];
    }

    private static SourcePos pos(String display, Location l) {
        if (l == null) return new SourcePos(display, 1, 0);
        return new SourcePos(display, l.getLine().intValue(), l.getColumn().map(Long::intValue).orElse(0));
    }

    /** The parser repeats "(line:column): " in its message; the location is already in front. */
    private static String stripLocation(String message) {
        return message.replaceFirst("^\\(\\d+:\\d+\\): ", "");
    }

    // Doc string delimiters' columns by line, so YAML errors inside one land on the right column.
    private static void docStrings(GherkinDocument d, Map<Integer, Integer> out) {
        d.getFeature().ifPresent(f -> {
            for (FeatureChild c : f.getChildren()) {
                c.getBackground().ifPresent(b -> steps(b, out));
                c.getScenario().ifPresent(s -> steps(s, out));
                c.getRule().ifPresent(r -> {
                    for (RuleChild rc : r.getChildren()) {
                        rc.getBackground().ifPresent(b -> steps(b, out));
                        rc.getScenario().ifPresent(s -> steps(s, out));
                    }
                });
            }
        });
    }

    private static void steps(Background b, Map<Integer, Integer> out) { b.getSteps().forEach(s -> docString(s, out)); }

    private static void steps(Scenario sc, Map<Integer, Integer> out) { sc.getSteps().forEach(s -> docString(s, out)); }

    private static void docString(io.cucumber.messages.types.Step s, Map<Integer, Integer> out) {
        s.getDocString().ifPresent(ds -> out.put(s.getLocation().getLine().intValue(),
                ds.getLocation().getColumn().map(Long::intValue).orElse(1)));
    }
}
