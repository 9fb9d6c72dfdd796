package org.smmubench.features;

import java.net.URI;
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
import org.smmubench.scenario.SourceText;

/**
 * Checks a feature file before anything runs: Gherkin syntax, then every step against the
 * library (undefined and ambiguous steps, unknown names, YAML doc strings), so a bad suite
 * is an input error ({@code FILE:LINE:COLUMN: message}, exit code 2) and not a half run.
 */
final class FeatureCheck {
    private FeatureCheck() {}

    /** The number of Gherkin scenarios (pickles) in the file; throws ScenarioException when it is bad. */
    static int check(Path file, String display, URI uri) {
        // Read and checked as every door reads its files (size, UTF-8), then handed to the parser as UTF-8.
        byte[] bytes = SourceText.read(file).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<InputError> errors = new ArrayList<>();
        int[] pickles = {0};
        Map<Integer, Integer> docStringColumns = new HashMap<>();
        List<GherkinDocument> docs = new ArrayList<>();
        GherkinParser.builder().includeSource(false).build().parse(display, bytes).forEach(e -> {
            e.getParseError().ifPresent(pe -> errors.add(new InputError(
                    pos(display, pe.getSource().getLocation().orElse(null)), stripLocation(pe.getMessage()))));
            e.getGherkinDocument().ifPresent(d -> {
                docs.add(d);
                docStrings(d, docStringColumns);
            });
            if (e.getPickle().isPresent()) pickles[0]++;
        });
        if (errors.isEmpty()) errors.addAll(empty(display, docs));
        if (errors.isEmpty() && pickles[0] == 0)
            errors.add(new InputError(featurePos(display, docs), "no scenario to run: every scenario is an outline"
                    + " whose Examples have no rows"));
        if (!errors.isEmpty()) throw new ScenarioException(errors);
        StepChecker checker = new StepChecker(Map.of(uri, display), docStringColumns);
        CucumberRun.run(List.of(uri), new RunContext(null, false, Map.of(uri, display)), true, List.of(checker));
        if (!checker.errors().isEmpty()) throw new ScenarioException(checker.errors());
        // What only running the steps can tell (a duplicate stream ID, a PASID out of range,
        // the SMMU configured after a device): run the feature once, keeping only the
        // failures that are the input's fault, so they are exit 2 before any result is shown.
        RunContext checking = new RunContext(null, false, Map.of(uri, display));
        InputErrorListener inputErrors = new InputErrorListener(checking);
        CucumberRun.run(List.of(uri), checking, false, List.of(new ResultCollector(checking), inputErrors));
        if (!inputErrors.errors().isEmpty()) throw new ScenarioException(inputErrors.errors());
        return pickles[0];
    }

    /** A file without a Feature, a feature without scenarios, and scenarios without steps have nothing to run. */
    private static List<InputError> empty(String display, List<GherkinDocument> docs) {
        List<InputError> out = new ArrayList<>();
        GherkinDocument d = docs.isEmpty() ? null : docs.get(0);
        if (d == null || d.getFeature().isEmpty()) {
            out.add(new InputError(new SourcePos(display, 1, 1), "no 'Feature:' in this file: there is nothing to run"));
            return out;
        }
        io.cucumber.messages.types.Feature f = d.getFeature().get();
        boolean featureBackground = f.getChildren().stream().anyMatch(c -> c.getBackground().map(b -> !b.getSteps().isEmpty()).orElse(false));
        boolean[] any = {false};
        for (FeatureChild c : f.getChildren()) {
            c.getScenario().ifPresent(sc -> {
                any[0] = true;
                noSteps(display, sc, featureBackground, out);
            });
            c.getRule().ifPresent(r -> {
                boolean ruleBackground = featureBackground || r.getChildren().stream()
                        .anyMatch(rc -> rc.getBackground().map(b -> !b.getSteps().isEmpty()).orElse(false));
                for (RuleChild rc : r.getChildren()) rc.getScenario().ifPresent(sc -> {
                    any[0] = true;
                    noSteps(display, sc, ruleBackground, out);
                });
            });
        }
        if (!any[0]) out.add(new InputError(pos(display, f.getLocation()), "feature '" + f.getName() + "' has no scenarios: there is nothing to run"));
        return out;
    }

    private static SourcePos featurePos(String display, List<GherkinDocument> docs) {
        return docs.stream().flatMap(d -> d.getFeature().stream()).findFirst()
                .map(f -> pos(display, f.getLocation())).orElse(new SourcePos(display, 1, 1));
    }

    private static void noSteps(String display, Scenario sc, boolean background, List<InputError> out) {
        if (sc.getSteps().isEmpty() && !background)
            out.add(new InputError(pos(display, sc.getLocation()), "scenario '" + sc.getName() + "' has no steps: there is nothing to run"));
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
