package org.smmubench.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --jobs N} runs scenario x driver pairs in parallel, and the output and reports
 * are the same as with {@code --jobs 1}, byte for byte apart from durations: with 4 jobs, and
 * with none given (the default, one per core; on a 1-core machine that case is --jobs 1 again).
 */
class JobsDeterminismTest {
    @TempDir
    Path dir;

    @Test
    void parallelRunsReportExactlyWhatOneJobReports() throws Exception {
        String examples = CheckingModesAgreeTest.examples().toString();
        Cli.Result one = run("1", examples);
        // No --jobs: the default, one job per core.
        for (String jobs : new String[] {"4", null}) {
            Cli.Result many = run(jobs, examples);
            String name = jobs == null ? "default" : jobs;
            assertEquals(one.code(), many.code());
            assertEquals(one.out(), many.out(), "console output, --jobs " + name);
            assertEquals(one.err(), many.err());
            assertEquals(CheckingModesAgreeTest.undated(Files.readString(dir.resolve("1.json"))),
                    CheckingModesAgreeTest.undated(Files.readString(dir.resolve(name + ".json"))), "JSON report, --jobs " + name);
            assertEquals(CheckingModesAgreeTest.undated(Files.readString(dir.resolve("1.xml"))),
                    CheckingModesAgreeTest.undated(Files.readString(dir.resolve(name + ".xml"))), "JUnit report, --jobs " + name);
        }
    }

    /** {@code jobs} null: no --jobs option. */
    private Cli.Result run(String jobs, String examples) {
        String name = jobs == null ? "default" : jobs;
        List<String> args = new ArrayList<>(List.of("run"));
        if (jobs != null) args.addAll(List.of("--jobs", jobs));
        args.addAll(List.of("--driver", "all", "--json", dir.resolve(name + ".json").toString(),
                "--junit", dir.resolve(name + ".xml").toString(), examples));
        return Cli.run(FileRunners.installed(), Optional::empty, args.toArray(String[]::new));
    }
}
