package org.smmubench.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --jobs N} runs scenario x driver pairs in parallel, and the output and reports
 * are the same as with {@code --jobs 1}, byte for byte apart from durations.
 */
class JobsDeterminismTest {
    @TempDir
    Path dir;

    @Test
    void parallelRunsReportExactlyWhatOneJobReports() throws Exception {
        String examples = CheckingModesAgreeTest.examples().toString();
        Cli.Result one = run("1", examples);
        Cli.Result four = run("4", examples);
        assertEquals(one.code(), four.code());
        assertEquals(one.out(), four.out(), "console output");
        assertEquals(one.err(), four.err());
        assertEquals(CheckingModesAgreeTest.undated(Files.readString(dir.resolve("1.json"))),
                CheckingModesAgreeTest.undated(Files.readString(dir.resolve("4.json"))), "JSON report");
        assertEquals(CheckingModesAgreeTest.undated(Files.readString(dir.resolve("1.xml"))),
                CheckingModesAgreeTest.undated(Files.readString(dir.resolve("4.xml"))), "JUnit report");
    }

    private Cli.Result run(String jobs, String examples) {
        return Cli.run(FileRunners.installed(), Optional::empty, "run", "--jobs", jobs, "--driver", "all",
                "--json", dir.resolve(jobs + ".json").toString(), "--junit", dir.resolve(jobs + ".xml").toString(), examples);
    }
}
