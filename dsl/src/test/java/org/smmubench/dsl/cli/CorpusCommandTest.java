package org.smmubench.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smmubench.bench.Corpus;

/** {@code smmu-bench corpus}: the table, then every entry run on its trees, with run's exit codes. */
class CorpusCommandTest {
    /** Maven runs the tests in the dsl module's directory. */
    private static final Path CORPUS = Path.of("..", "examples", "corpus");

    private static Cli.Result corpus(String... args) {
        return Cli.run(new FileRunners(List.of()), Optional::empty, args);
    }

    @Test
    void printsTheTableThenRunsEachEntryOnItsTwoTrees() {
        var r = corpus("corpus", CORPUS.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("HASH "), r.out());
        // Each entry runs on every tree it names: the unfixed, the fixed, and any later base.
        int runs = Corpus.load(CORPUS).stream().mapToInt(e -> e.scenario().drivers().size()).sum();
        assertEquals(runs + " passed, 0 failed", r.lastLine());
        for (Corpus.Entry e : Corpus.load(CORPUS)) {
            assertTrue(r.out().contains("PASS  " + e.unfixed() + " "), e.hash());
            assertTrue(r.out().contains(e.fixed() + " -> green"), e.hash());
        }
    }

    @Test
    void aDriverOverrideRunsEveryEntryOnThatTreeWithRunsExitCode() {
        var r = corpus("corpus", "--driver", "v6.8", CORPUS.toString());
        // v6.8 is the fixed tree of 9991a82a3817 (green, as expected there); the b3f6fcd8404f
        // entry expects its bind to succeed, but v6.8 lacks both c404f55c26fc and the fix, and
        // its set_dev_pasid on the PASID-less dspB fails the bind another way.
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().matches("(?s).*\nPASS  v6\\.8 +\\S*9991a82a3817-sva-bind-handle-leak\\.yaml.*"), r.out());
        assertTrue(r.out().matches("(?s).*\nFAIL  v6\\.8 +\\S*b3f6fcd8404f-skip-pasid-validation-no-pasid\\.yaml.*"), r.out());
        assertEquals(Corpus.load(CORPUS).size(), r.out().lines().filter(l -> l.matches("(PASS|FAIL)  v6\\.8 .*")).count());
    }

    @Test
    void aMissingDirectoryOrAnEmptyOneIsBadInput(@TempDir Path tmp) throws IOException {
        assertEquals(2, corpus("corpus", tmp.resolve("nope").toString()).code());
        Files.writeString(tmp.resolve("notes.txt"), "not an entry");
        var r = corpus("corpus", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no <12-hex>-<slug>.yaml entries"), r.err());
    }

    @Test
    void aMalformedEntryIsReportedWithItsLocation(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("0123456789ab-bad.yaml"), "scenario: s\nsteps:\n  - bind: {device: nic9}\n");
        var r = corpus("corpus", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("0123456789ab-bad.yaml:"), r.err());
    }
}
