package org.smmubench.features;

import java.util.ArrayList;
import java.util.List;

import org.smmubench.scenario.InputError;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioException;
import org.smmubench.scenario.ScenarioLoader;
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

    private static List<Scenario> load(String displayName, String yaml) {
        return ScenarioLoader.parse(displayName, yaml);
    }
}
