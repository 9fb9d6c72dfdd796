package org.smmubench.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs one kind of scenario file (YAML, Groovy, Gherkin) and returns one RunResult per
 * scenario x driver. {@code driverOverride}: canonical driver ids from {@code --driver}
 * (empty: the drivers the file names). Implementations throw
 * {@link org.smmubench.scenario.ScenarioException} for bad input, before anything runs.
 */
public interface ScenarioFileRunner {
    /** File extensions handled, without the dot ("yaml", "yml"). */
    List<String> extensions();

    /** Checks the file and prepares it; throws ScenarioException with located errors. */
    Prepared prepare(Path file);

    /** A checked file, ready to run. */
    interface Prepared {
        /** How many scenario x driver runs this will produce (for the progress bar). */
        int count(List<String> driverOverride);

        List<RunResult> run(List<String> driverOverride, boolean trace);

        /** Located notes about input that is valid but probably not what was meant. */
        default List<String> warnings() { return List.of(); }
    }
}
