package org.smmubench.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * Runs one kind of scenario file (YAML, Groovy, Gherkin) and returns one RunResult per
 * scenario x tree. Implementations throw {@link org.smmubench.scenario.ScenarioException}
 * for bad input, before anything runs.
 */
public interface ScenarioFileRunner {
    /** File extensions handled, without the dot ("yaml", "yml"). */
    List<String> extensions();

    /** Checks the file and prepares it; throws ScenarioException with located errors. */
    Prepared prepare(Path file);

    /** A checked file, ready to run. */
    interface Prepared {
        /** The file's scenarios in run order (an Outline row is one). */
        List<ScenarioInfo> scenarios();

        /**
         * The runs of the scenarios at {@code selected} (ascending indexes into
         * {@link #scenarios()}) on the trees {@code drivers} gives each, as independent pieces
         * of work in report order: each builds its own benches and shares nothing with the
         * others, so they may run in parallel ({@code run --jobs}). Results come scenario by
         * scenario, each scenario's trees in {@link DriverChoice#treesFor} order. A runner that
         * cannot split a file returns one task for it.
         */
        List<Callable<List<RunResult>>> tasks(DriverChoice drivers, List<Integer> selected, RunOptions options);

        /** The same runs, one after the other in this thread. */
        default List<RunResult> run(DriverChoice drivers, List<Integer> selected, RunOptions options) {
            List<RunResult> out = new ArrayList<>();
            for (Callable<List<RunResult>> t : tasks(drivers, selected, options)) {
                try {
                    out.addAll(t.call());
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return out;
        }

        /** How many scenario x tree runs {@link #tasks} will produce for these scenarios. */
        default int count(DriverChoice drivers, List<Integer> selected) {
            List<ScenarioInfo> all = scenarios();
            int n = 0;
            for (int i : selected) n += drivers.treesFor(all.get(i).ownTrees()).size();
            return n;
        }

        /** Every scenario, on the named trees (empty: their own). */
        default List<RunResult> run(List<String> driverOverride, boolean trace) {
            return run(DriverChoice.named(driverOverride), everyScenario(), RunOptions.of(trace));
        }

        /** Every scenario, on the named trees (empty: their own). */
        default int count(List<String> driverOverride) {
            return count(DriverChoice.named(driverOverride), everyScenario());
        }

        /** The indexes of every scenario of the file. */
        default List<Integer> everyScenario() {
            return new ArrayList<>(IntStream.range(0, scenarios().size()).boxed().toList());
        }

        /** Located notes about input that is valid but probably not what was meant. */
        default List<String> warnings() { return List.of(); }
    }
}
