package org.smmubench.dsl.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.smmubench.bench.RunResult;
import org.smmubench.bench.ScenarioFileRunner;
import org.smmubench.scenario.ScenarioException;
import org.smmubench.scenario.SourcePos;

/**
 * A stand-in YAML runner driven by the file's text: "bad" fails the check with a located
 * error, "fail" makes the run fail, "boom" throws a bug. Records what was prepared and run.
 */
final class FakeRunner implements ScenarioFileRunner {
    final List<String> prepared = new ArrayList<>();
    final List<String> ran = new ArrayList<>();

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
            public int count(List<String> driverOverride) {
                return drivers(driverOverride).size();
            }

            @Override
            public List<RunResult> run(List<String> driverOverride, boolean trace, boolean record) {
                if (text.contains("boom")) throw new IllegalStateException("model bug");
                List<RunResult> out = new ArrayList<>();
                for (String d : drivers(driverOverride)) {
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

    private static List<String> drivers(List<String> override) {
        return override.isEmpty() ? List.of("v6.8") : override;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
