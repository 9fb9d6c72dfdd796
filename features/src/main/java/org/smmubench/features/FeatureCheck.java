package org.smmubench.features;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cucumber.gherkin.GherkinParser;
import io.cucumber.messages.types.Background;
import io.cucumber.messages.types.Examples;
import io.cucumber.messages.types.FeatureChild;
import io.cucumber.messages.types.GherkinDocument;
import io.cucumber.messages.types.Location;
import io.cucumber.messages.types.Pickle;
import io.cucumber.messages.types.PickleStep;
import io.cucumber.messages.types.PickleTag;
import io.cucumber.messages.types.RuleChild;
import io.cucumber.messages.types.Scenario;
import io.cucumber.messages.types.TableRow;

import org.smmubench.bench.ScenarioInfo;
import org.smmubench.driver.tree.DriverVariants;

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

    /** One Gherkin scenario (an Outline row is one): what the CLI filters on, and the line Cucumber selects it by. */
    record Pickled(ScenarioInfo info, int line) {}

    // The step that pins a scenario's tree, as the pickle spells it (without its keyword).
    private static final Pattern DRIVER_STEP = Pattern.compile("the \"([^\"]*)\" driver");

    /** The Gherkin scenarios (pickles) in the file, in order; throws ScenarioException when it is bad. */
    static List<Pickled> check(Path file, String display, URI uri) {
        // Read and checked as every door reads its files (size, UTF-8), then handed to the parser as UTF-8.
        byte[] bytes = SourceText.read(file).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<InputError> errors = new ArrayList<>();
        List<Pickle> pickles = new ArrayList<>();
        Map<String, Integer> lines = new HashMap<>();
        Map<Integer, Integer> docStringColumns = new HashMap<>();
        List<GherkinDocument> docs = new ArrayList<>();
        GherkinParser.builder().includeSource(false).build().parse(display, bytes).forEach(e -> {
            e.getParseError().ifPresent(pe -> errors.add(new InputError(
                    pos(display, pe.getSource().getLocation().orElse(null)), stripLocation(pe.getMessage()))));
            e.getGherkinDocument().ifPresent(d -> {
                docs.add(d);
                docStrings(d, docStringColumns, lines);
            });
            e.getPickle().ifPresent(pickles::add);
        });
        if (errors.isEmpty()) errors.addAll(empty(display, docs));
        if (errors.isEmpty() && pickles.isEmpty())
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
        List<Pickled> out = new ArrayList<>();
        for (Pickle p : pickles) {
            // The last AST node is the Examples row for an Outline, the Scenario otherwise:
            // the line Cucumber knows the test case by.
            List<String> ids = p.getAstNodeIds();
            int line = lines.getOrDefault(ids.get(ids.size() - 1), 0);
            List<String> tags = p.getTags().stream().map(PickleTag::getName).toList();
            out.add(new Pickled(new ScenarioInfo(p.getName(), tags, ownTree(p)), line));
        }
        return out;
    }

    /** The tree a {@code Given the "…" driver} step pins (the last one wins, as when run), or none. */
    private static List<String> ownTree(Pickle p) {
        String tree = null;
        for (PickleStep s : p.getSteps()) {
            Matcher m = DRIVER_STEP.matcher(s.getText());
            if (m.matches()) tree = DriverVariants.resolve(m.group(1)).orElse(tree);
        }
        return tree == null ? List.of() : List.of(tree);
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

    // Doc string delimiters' columns by line, so YAML errors inside one land on the right
    // column; and the line of every Scenario and Examples row by AST id, to select pickles.
    private static void docStrings(GherkinDocument d, Map<Integer, Integer> out, Map<String, Integer> lines) {
        d.getFeature().ifPresent(f -> {
            for (FeatureChild c : f.getChildren()) {
                c.getBackground().ifPresent(b -> steps(b, out));
                c.getScenario().ifPresent(s -> { steps(s, out); lines(s, lines); });
                c.getRule().ifPresent(r -> {
                    for (RuleChild rc : r.getChildren()) {
                        rc.getBackground().ifPresent(b -> steps(b, out));
                        rc.getScenario().ifPresent(s -> { steps(s, out); lines(s, lines); });
                    }
                });
            }
        });
    }

    private static void lines(Scenario sc, Map<String, Integer> out) {
        out.put(sc.getId(), sc.getLocation().getLine().intValue());
        for (Examples ex : sc.getExamples())
            for (TableRow row : ex.getTableBody()) out.put(row.getId(), row.getLocation().getLine().intValue());
    }

    private static void steps(Background b, Map<Integer, Integer> out) { b.getSteps().forEach(s -> docString(s, out)); }

    private static void steps(Scenario sc, Map<Integer, Integer> out) { sc.getSteps().forEach(s -> docString(s, out)); }

    private static void docString(io.cucumber.messages.types.Step s, Map<Integer, Integer> out) {
        s.getDocString().ifPresent(ds -> out.put(s.getLocation().getLine().intValue(),
                ds.getLocation().getColumn().map(Long::intValue).orElse(1)));
    }
}
