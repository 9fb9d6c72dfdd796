package org.smmubench.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.ScenarioFileRunner;
import org.smmubench.bench.report.ConsoleReport;
import org.smmubench.bench.report.JsonReport;
import org.smmubench.bench.report.JunitXmlReport;
import org.smmubench.check.Checking;
import org.smmubench.driver.tree.DriverVariants;

/**
 * The incremental invariant checks are exactly as strong as the full walks: every shipped
 * scenario (examples/**, the corpus included, every runner, every driver variant), run once
 * with only what each step touched checked and once paranoid, gives the same violations,
 * messages, traces and reports, byte for byte apart from durationMs.
 */
class CheckingModesAgreeTest {
    static Path examples() {
        return Path.of(System.getProperty("basedir", "."), "..", "examples").normalize();
    }

    @Test
    void everyShippedScenarioReportsTheSameIncrementalAndParanoid() throws Exception {
        FileRunners runners = FileRunners.installed();
        List<Path> files = ScenarioFiles.collect(List.of(examples()), runners.extensions()).files();
        assertFalse(files.isEmpty(), "no scenarios under " + examples());
        List<String> drivers = DriverVariants.expand(List.of("all"));
        List<RunResult> incremental = new ArrayList<>();
        List<RunResult> paranoid = new ArrayList<>();
        for (Path f : files) {
            ScenarioFileRunner.Prepared p = runners.forFile(f).prepare(f);
            incremental.addAll(runAll(p.tasks(org.smmubench.bench.DriverChoice.named(drivers), p.everyScenario(), new org.smmubench.bench.RunOptions(true, false, Checking.INCREMENTAL))));
            paranoid.addAll(runAll(p.tasks(org.smmubench.bench.DriverChoice.named(drivers), p.everyScenario(), new org.smmubench.bench.RunOptions(true, false, Checking.PARANOID))));
        }
        assertEquals(paranoid.size(), incremental.size());
        for (int i = 0; i < paranoid.size(); i++) {
            RunResult a = paranoid.get(i);
            RunResult b = incremental.get(i);
            String what = a.file() + ": " + a.scenario() + " on " + a.driver();
            assertEquals(a.violations(), b.violations(), what + ": violations");
            assertEquals(ConsoleReport.run(a, true), ConsoleReport.run(b, true), what + ": console report");
        }
        assertEquals(undated(JsonReport.toJson(paranoid)), undated(JsonReport.toJson(incremental)), "JSON report");
        assertEquals(undated(JunitXmlReport.toXml(paranoid)), undated(JunitXmlReport.toXml(incremental)), "JUnit report");
    }

    static List<RunResult> runAll(List<Callable<List<RunResult>>> tasks) throws Exception {
        List<RunResult> out = new ArrayList<>();
        for (Callable<List<RunResult>> t : tasks) out.addAll(t.call());
        return out;
    }

    /** Reports with every duration (the one field allowed to differ) blanked. */
    static String undated(String report) {
        return report.replaceAll("\"durationMs\"\\s*:\\s*\\d+", "\"durationMs\": 0")
                .replaceAll("time=\"[0-9.]+\"", "time=\"0\"");
    }
}
