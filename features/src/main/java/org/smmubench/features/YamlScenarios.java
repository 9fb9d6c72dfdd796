package org.smmubench.features;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.smmubench.scenario.InputError;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioException;
import org.smmubench.scenario.SourcePos;

/**
 * YAML scenarios embedded in a feature file as a doc string. Errors are moved to where the
 * doc string sits in the feature file, so they point at the line the user has to edit.
 */
public final class YamlScenarios {
    private YamlScenarios() {}

    /**
     * Parses {@code yaml}, whose first line is line {@code firstLine} of {@code featureFile}
     * and whose text starts at column {@code column} (1 when unknown).
     */
    public static List<Scenario> parse(String featureFile, int firstLine, int column, String yaml) {
        try {
            return load(featureFile, yaml);
        } catch (ScenarioException e) {
            List<InputError> moved = new ArrayList<>();
            for (InputError err : e.errors()) {
                SourcePos p = err.pos();
                moved.add(new InputError(p.line() <= 0 ? new SourcePos(featureFile, firstLine, column)
                        : new SourcePos(featureFile, firstLine + p.line() - 1, p.column() <= 0 ? 0 : p.column() + column - 1),
                        err.message()));
            }
            throw new ScenarioException(moved);
        }
    }

    // org.smmubench.scenario.ScenarioLoader is written in parallel; reached reflectively
    // until it lands so this module builds today. parse(displayName, text) may return one
    // Scenario or a list (one per YAML document).
    @SuppressWarnings("unchecked")
    private static List<Scenario> load(String displayName, String yaml) {
        try {
            Class<?> loader = Class.forName("org.smmubench.scenario.ScenarioLoader");
            Method parse = loader.getMethod("parse", String.class, String.class);
            Object target = java.lang.reflect.Modifier.isStatic(parse.getModifiers()) ? null
                    : loader.getConstructor().newInstance();
            Object r = parse.invoke(target, displayName, yaml);
            return r instanceof Scenario s ? List.of(s) : (List<Scenario>) r;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the YAML loader (org.smmubench.scenario.ScenarioLoader.parse) is not in this build", e);
        }
    }
}
