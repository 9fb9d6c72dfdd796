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
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + display, e);
        }
        List<InputError> errors = new ArrayList<>();
        List<Pickle> pickles = new ArrayList<>();
        Map<String, Integer> lines = new HashMap<>();
        Map<Integer, Integer> docStringColumns = new HashMap<>();
        GherkinParser.builder().includeSource(false).build().parse(display, bytes).forEach(e -> {
            e.getParseError().ifPresent(pe -> errors.add(new InputError(
                    pos(display, pe.getSource().getLocation().orElse(null)), stripLocation(pe.getMessage()))));
            e.getGherkinDocument().ifPresent(d -> docStrings(d, docStringColumns, lines));
            e.getPickle().ifPresent(pickles::add);
        });
        if (!errors.isEmpty()) throw new ScenarioException(errors);
        StepChecker checker = new StepChecker(Map.of(uri, display), docStringColumns);
        CucumberRun.run(List.of(uri), new RunContext(null, false, Map.of(uri, display)), true, List.of(checker));
        if (!checker.errors().isEmpty()) throw new ScenarioException(checker.errors());
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
