package org.smmubench.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smmubench.bench.Corpus;

/** The README's corpus table is generated from examples/corpus and the commit declarations. */
class CorpusTableTest {
    /** Maven runs the tests in the runtime module's directory. */
    private static final Path README = Path.of("..", "README.md");
    private static final Path CORPUS = Path.of("..", "examples", "corpus");
    private static final String BEGIN = "<!-- corpus:begin (generated from examples/corpus and driver/tree/Commits.java; CorpusTableTest keeps it in sync) -->\n";
    private static final String END = "<!-- corpus:end -->";

    @Test
    void theReadmeTableIsInSync() throws IOException {
        String readme = Files.readString(README);
        int b = readme.indexOf(BEGIN), e = readme.indexOf(END);
        assertTrue(b >= 0 && e > b, "README.md lacks the corpus:begin/end markers");
        String updated = readme.substring(0, b + BEGIN.length()) + CorpusTable.markdown(Corpus.load(CORPUS)) + readme.substring(e);
        if (Boolean.getBoolean("readme.update")) Files.writeString(README, updated);
        assertEquals(updated, Files.readString(README),
                "README.md's corpus table is out of date; run mvn -B -pl runtime test -Dtest=CorpusTableTest -Dreadme.update=true");
    }

    @Test
    void everyEntryIsARowWithItsTreesAndTheCommitsDeclaration() {
        List<Corpus.Entry> entries = Corpus.load(CORPUS);
        String text = CorpusTable.text(entries);
        for (Corpus.Entry e : entries) {
            assertTrue(e.commit().isPresent(), e.hash());
            assertTrue(text.contains(e.hash()) && text.contains(e.commit().get().title()), e.hash());
            assertTrue(text.contains(e.unfixed() + " -> ") && text.contains(e.fixed() + " -> green"), e.hash());
        }
    }
}
