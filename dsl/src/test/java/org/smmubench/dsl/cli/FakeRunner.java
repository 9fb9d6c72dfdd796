package org.smmubench.dsl.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.smmubench.bench.DriverChoice;
import org.smmubench.bench.RunOptions;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.ScenarioFileRunner;
import org.smmubench.bench.ScenarioInfo;
import org.smmubench.scenario.ScenarioException;
import org.smmubench.scenario.SourcePos;

/**
 * A stand-in YAML runner driven by the file's text: "bad" fails the check with a located
 * error, "fail" makes the run fail, "boom" throws a bug. Records what was prepared and run.
 */
final class FakeRunner implements ScenarioFileRunner {
    final List<String> prepared = new ArrayList<>();
    // Runs may go on worker threads (run --jobs).
    final List<String> ran = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public List<String> extensions() {
        return List.of("yaml", "yml");
    }

    @Override
    public Prepared prepare(Path file) {
        String text = read(file);
        prepared.add(file.toString());
        if (text.contains("bad")) throw new ScenarioException(new SourcePos(file.toString(), 3, 7), "unknown key 'stepz'");
        return new Prepared() {
            @Override
            public List<ScenarioInfo> scenarios() {
                return List.of(new ScenarioInfo("scenario " + file.getFileName(), List.of(), List.of()));
            }

            @Override
            public List<Callable<List<RunResult>>> tasks(DriverChoice drivers, List<Integer> selected, RunOptions options) {
                return List.of(() -> run(drivers, selected));
            }

            private List<RunResult> run(DriverChoice drivers, List<Integer> selected) {
                if (text.contains("boom")) throw new IllegalStateException("model bug");
                List<RunResult> out = new ArrayList<>();
                if (selected.isEmpty()) return out;
                for (String d : drivers.treesFor(List.of())) {
                    ran.add(file + " " + d);
                    boolean fail = text.contains("fail");
                    out.add(new RunResult("scenario " + file.getFileName(), file.toString(), d, fail ? "failed" : "passed",
                            Set.of(), fail ? Set.of("atomic-sleep") : Set.of(), List.of(), List.of(),
                            List.of("trace line"), 1));
                }
                return out;
            }
        };
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
