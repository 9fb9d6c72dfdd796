package org.smmubench.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code smmu-bench explore}: exit codes, the files it writes, and that `run` passes them. */
class ExploreCommandTest {
    private final FakeRunner runner = new FakeRunner();

    @Test
    void aFindingExitsOneWritesAFileAndSaysHowToReplayIt(@TempDir Path out) throws IOException {
        var r = Cli.run(runner, "explore", "--driver", "pre-fix", "--against", "fixed", "--seed", "1", "--runs", "50",
                "--out", out.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("FOUND atomic-sleep in dmam_alloc_coherent on v6.8-b5bf7778b722 at run "), r.out());
        assertTrue(r.out().contains("replay smmu-bench explore --driver v6.8-b5bf7778b722 --against v6.8 --seed 1 --runs "), r.out());
        // Stopped at the first finding: say how to go past it (--against is already given).
        assertTrue(r.out().contains("stopped at the first finding (run "), r.out());
        assertTrue(r.out().contains(" of 50): --keep-going collects every distinct finding\n"), r.out());
        List<Path> files = files(out);
        assertEquals(1, files.size());
        String yaml = Files.readString(files.get(0));
        assertTrue(yaml.contains("v6.8-b5bf7778b722: {violations: [atomic-sleep]}"), yaml);
        assertTrue(yaml.contains("v6.8: {violations: []}"), yaml);
    }

    @Test
    void nothingFoundExitsZeroAndWritesNothing(@TempDir Path out) throws IOException {
        // Seed 1's first twenty scenarios give the same results on both trees.
        var r = Cli.run(runner, "explore", "--driver", "fixed", "--against", "pre-fix", "--seed", "1", "--runs", "20",
                "--out", out.resolve("none").toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("0 finding(s) in 20 run(s)"), r.out());
        assertTrue(!Files.exists(out.resolve("none")));
    }

    @Test
    void badUsageExitsTwo(@TempDir Path out) {
        assertEquals(2, Cli.run(runner, "explore", "--runs", "0", "--out", out.toString()).code());
        assertEquals(2, Cli.run(runner, "explore", "--steps", "0", "--out", out.toString()).code());
        assertEquals(2, Cli.run(runner, "explore", "--budget", "-1", "--out", out.toString()).code());
        assertEquals(2, Cli.run(runner, "explore", "--driver", "nosuch", "--out", out.toString()).code());
        assertEquals(2, Cli.run(runner, "explore", "--against", "all", "--out", out.toString()).code());
        var r = Cli.run(runner, "explore", "--driver", "fixed", "--against", "fixed", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("leaves no tree to explore"), r.err());
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
