package org.smmubench.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir
    Path dir;

    private final FakeRunner runner = new FakeRunner();

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    @Test
    void allPassedExitsZeroWithTheSummaryLast() throws IOException {
        Path f = file("a.yaml", "ok");
        var r = Cli.run(runner, "run", f.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("PASS  v6.8" + " ".repeat(13) + "  " + f + "  scenario a.yaml  []\n"), r.out());
        assertEquals("1 passed, 0 failed", r.lastLine());
    }

    @Test
    void aFailedScenarioExitsOne() throws IOException {
        var r = Cli.run(runner, "run", file("a.yaml", "fail").toString(), file("b.yaml", "ok").toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains("FAIL  v6.8 "), r.out());
        assertEquals("1 passed, 1 failed", r.lastLine());
    }

    @Test
    void aMissingPathIsBadInputWithoutAStackTrace() {
        var r = Cli.run(runner, "run", dir.resolve("nope.yaml").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nope.yaml: no such file or directory"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aDirectoryWithoutScenariosIsBadInput() throws IOException {
        file("notes.txt", "x");
        var r = Cli.run(runner, "run", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no scenario files"), r.err());
    }

    @Test
    void anUnknownDriverIsAUsageErrorListingTheKnownOnes() throws IOException {
        var r = Cli.run(runner, "run", "--driver", "pre-fix,v9-nope", file("a.yaml", "ok").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown driver 'v9-nope'"), r.err());
        assertTrue(r.err().contains("v6.8-b5bf7778b722, v6.8-pre-fix, pre-fix, v6.8, v6.8-fixed, fixed, b5bf7778, v6.8+b025dea63cde, v6.10, all"), r.err());
        assertTrue(runner.ran.isEmpty());
    }

    @Test
    void anUnknownCommitInATreeIsAUsageErrorListingTheCommitsOfItsBase() throws IOException {
        var r = Cli.run(runner, "run", "--driver", "v6.8-deadbeef", file("a.yaml", "ok").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown commit 'deadbeef' in driver 'v6.8-deadbeef' (v6.8 models -b5bf7778b722"), r.err());
        assertTrue(r.err().contains("+b025dea63cde (iommu: Undo pasid attachment"), r.err());
        assertTrue(runner.ran.isEmpty());
    }

    @Test
    void driverAllRunsEveryVariantAndOverridesTheFile() throws IOException {
        Path f = file("a.yaml", "ok");
        var r = Cli.run(runner, "run", "--driver", "all", "--driver", "fixed", f.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(f + " v6.8-b5bf7778b722", f + " v6.8", f + " v6.8+b025dea63cde", f + " v6.10"), runner.ran);
        assertEquals("4 passed, 0 failed", r.lastLine());
    }

    @Test
    void malformedInputIsReportedWithItsLocationAndNothingRuns() throws IOException {
        Path good = file("a.yaml", "ok");
        Path bad = file("b.yaml", "bad");
        var r = Cli.run(runner, "run", good.toString(), bad.toString());
        assertEquals(2, r.code());
        assertEquals(bad + ":3:7: unknown key 'stepz'\n", r.err());
        assertEquals(List.of(good.toString(), bad.toString()), runner.prepared, "every file is checked");
        assertTrue(runner.ran.isEmpty(), "nothing runs");
        assertEquals("", r.out());
    }

    @Test
    void directoriesAreSearchedRecursivelyInSortedOrder() throws IOException {
        file("z.yml", "ok");
        file("b/x.yaml", "ok");
        file("a/y.yaml", "ok");
        file(".hidden/h.yaml", "ok");
        var r = Cli.run(runner, "run", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(dir + "/a/y.yaml", dir + "/b/x.yaml", dir + "/z.yml"), runner.prepared);
    }

    @Test
    void filesOfAFormatWithoutRunnerAreSkippedInDirectoriesAndRejectedByName() throws IOException {
        file("a.yaml", "ok");
        Path g = file("s.groovy", "bind 'nic0', 'proc1'");
        var r = Cli.run(runner, "run", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("skipping 1 .groovy file under " + dir + ": no .groovy runner in this build"), r.err());
        var named = Cli.run(runner, "run", g.toString());
        assertEquals(2, named.code());
        assertTrue(named.err().contains(".groovy scenarios are not supported in this build"), named.err());
    }

    @Test
    void reportsAreWrittenEvenWhenScenariosFail() throws IOException {
        Path json = dir.resolve("out/r.json");
        Path junit = dir.resolve("out/r.xml");
        Files.createDirectories(json.getParent());
        var r = Cli.run(runner, "run", "--json", json.toString(), "--junit", junit.toString(),
                file("a.yaml", "fail").toString());
        assertEquals(1, r.code());
        assertTrue(Files.readString(json).contains("\"status\": \"failed\""));
        assertTrue(Files.readString(junit).contains("<testcase classname="));
    }

    @Test
    void anUnwritableReportIsBadInputNamingThePath() throws IOException {
        Path json = dir.resolve("missing-dir/r.json");
        var r = Cli.run(runner, "run", "--json", json.toString(), file("a.yaml", "ok").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("cannot write JSON report " + json + ": no such directory"), r.err());
        assertEquals("1 passed, 0 failed", r.lastLine());
    }

    @Test
    void aBugInTheBenchExitsThreeWithItsStackTrace() throws IOException {
        var r = Cli.run(runner, "run", file("a.yaml", "boom").toString());
        assertEquals(3, r.code());
        assertTrue(r.err().contains("internal error"), r.err());
        assertTrue(r.err().contains("java.lang.IllegalStateException: model bug"), r.err());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void traceIsPrintedUnderEachRun() throws IOException {
        var r = Cli.run(runner, "run", "--trace", file("a.yaml", "ok").toString());
        assertTrue(r.out().contains("      trace:\n        trace line\n"), r.out());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, Cli.run(runner, "run").code());
        assertEquals(2, Cli.run(runner, "run", "--bogus", "x.yaml").code());
        assertEquals(2, Cli.run(runner, "frobnicate").code());
        assertEquals(2, Cli.run(runner).code());
    }
}
