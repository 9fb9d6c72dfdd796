package org.smmubench.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads YAML scenarios (docs/format.md). Every document is validated against the shipped
 * JSON Schema first, then bound to records and checked for what a schema cannot express
 * (names, duplicates, cross references, ranges of hex numbers). Nothing is returned unless
 * the whole file is clean: all problems come back at once in one {@link ScenarioException},
 * in the order of the file (line, then column), each as {@code FILE:LINE:COLUMN: message}.
 */
public final class ScenarioLoader {
    private ScenarioLoader() {}

    /** Loads every scenario in the file; the file name is shown as given. */
    public static List<Scenario> load(Path file) {
        return parse(file.toString(), SourceText.read(file));
    }

    /** Parses YAML text (one or more documents); {@code displayName} stands for the file in positions. */
    public static List<Scenario> parse(String displayName, String yamlText) {
        List<InputError> syntax = new ArrayList<>();
        List<YamlDocument> docs = YamlDocuments.read(displayName, yamlText, syntax);
        if (docs.isEmpty() && syntax.isEmpty())
            throw new ScenarioException(new SourcePos(displayName, 1, 1), "no scenario in this file (expected a map with a 'scenario:' key)");

        List<InputError> schemaErrors = new ArrayList<>(syntax);
        // A value the reader already refused (a float, an alias) is not reported again by the schema.
        Set<String> refused = new HashSet<>();
        syntax.forEach(e -> refused.add(e.pos().line() + ":" + e.pos().column()));
        for (YamlDocument doc : docs)
            for (InputError e : ScenarioSchema.get().validate(doc))
                if (!refused.contains(e.pos().line() + ":" + e.pos().column())) schemaErrors.add(e);

        List<InputError> semantic = new ArrayList<>();
        List<Scenario> scenarios = new ArrayList<>();
        Map<String, SourcePos> names = new HashMap<>();
        for (YamlDocument doc : docs) {
            ScenarioBinder binder = new ScenarioBinder(doc);
            Scenario s = binder.bind();
            semantic.addAll(binder.errors());
            if (s == null) continue;
            // The rules every door shares; the binder has already said most of it at the exact
            // key, so they only speak when it found nothing (e.g. a map step after an exit).
            if (binder.errors().isEmpty() && schemaErrors.isEmpty()) semantic.addAll(ScenarioRules.check(s));
            if (s.name() != null) {
                SourcePos first = names.putIfAbsent(s.name(), s.pos());
                if (first != null)
                    semantic.add(new InputError(doc.valueAt(List.of("scenario")), "duplicate scenario name '" + s.name() + "' (first at line " + first.line() + ")"));
            }
            scenarios.add(s);
        }
        List<InputError> all = merge(schemaErrors, semantic);
        if (!all.isEmpty()) throw new ScenarioException(all);
        return List.copyOf(scenarios);
    }

    /**
     * Every error in file order, as an editor lists them. A semantic check that re-finds a
     * schema error (same place) is dropped so each problem is said once; at one place the
     * schema's error comes first.
     */
    private static List<InputError> merge(List<InputError> schema, List<InputError> semantic) {
        Comparator<InputError> byPos = Comparator.comparingInt((InputError e) -> e.pos().line())
                .thenComparingInt(e -> e.pos().column());
        List<InputError> out = new ArrayList<>(schema);
        out.sort(byPos);
        Set<String> seen = new HashSet<>();
        out.forEach(e -> seen.add(e.pos().line() + ":" + e.pos().column()));
        List<InputError> rest = new ArrayList<>(semantic);
        rest.sort(byPos);
        for (InputError e : rest) {
            if (seen.add(e.pos().line() + ":" + e.pos().column())) out.add(e);
        }
        out.sort(byPos);                            // stable: the schema's error first at one place
        return dedupe(out);
    }

    private static List<InputError> dedupe(List<InputError> errors) {
        List<InputError> out = new ArrayList<>();
        for (InputError e : errors) if (!out.contains(e)) out.add(e);
        return out;
    }
}
