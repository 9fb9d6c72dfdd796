package org.smmubench.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.smmubench.check.Checking;

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

        default List<RunResult> run(List<String> driverOverride, boolean trace) {
            return run(driverOverride, trace, false);
        }

        /**
         * {@code record}: every run also carries its {@link RunRecording} (steps with topology
         * snapshots, the kernel event log), for a report that draws it.
         */
        List<RunResult> run(List<String> driverOverride, boolean trace, boolean record);

        /**
         * The independent pieces of work, in report order: each builds its own benches and
         * shares nothing with the others, so they may run in parallel ({@code run --jobs}).
         * A runner that cannot split a file returns one task for it; one that does not
         * override this runs with the default checking mode.
         */
        default List<Callable<List<RunResult>>> tasks(List<String> driverOverride, boolean trace, boolean record,
                                                      Checking checking) {
            return List.of(() -> run(driverOverride, trace, record));
        }
    }
}
