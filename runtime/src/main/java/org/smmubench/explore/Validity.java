package org.smmubench.explore;

import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioException;
import org.smmubench.scenario.ScenarioLoader;
import org.smmubench.scenario.ScenarioWriter;

/**
 * Whether a user could have written this scenario: it is written as YAML and loaded back
 * through the same checks {@code run} applies (schema, names, ranges, uniqueness). The
 * generator must only make such scenarios, and the shrinker only keeps such candidates.
 */
public final class Validity {
    private Validity() {}

    public static boolean accepts(Scenario s) {
        try {
            ScenarioLoader.parse("generated.yaml", ScenarioWriter.write(s));
            return true;
        } catch (ScenarioException e) {
            return false;
        }
    }
}
