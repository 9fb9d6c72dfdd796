package org.smmubench.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.smmubench.driver.tree.Commit;
import org.smmubench.driver.tree.Commits;

/** The README's table of modelled commits and the drivers listing come from the declarations. */
class CommitTableTest {
    /** Maven runs the tests in the runtime module's directory. */
    private static final Path README = Path.of("..", "README.md");
    private static final String BEGIN = "<!-- commits:begin (generated from driver/tree/Commits.java; CommitTableTest keeps it in sync) -->\n";
    private static final String END = "<!-- commits:end -->";

    @Test
    void theReadmeTableIsInSync() throws IOException {
        String readme = Files.readString(README);
        int b = readme.indexOf(BEGIN), e = readme.indexOf(END);
        assertTrue(b >= 0 && e > b, "README.md lacks the commits:begin/end markers");
        String updated = readme.substring(0, b + BEGIN.length()) + CommitTable.markdown() + readme.substring(e);
        if (Boolean.getBoolean("readme.update")) Files.writeString(README, updated);
        assertEquals(updated, Files.readString(README),
                "README.md's commit table is out of date; run mvn -B -pl runtime test -Dtest=CommitTableTest -Dreadme.update=true");
    }

    @Test
    void theListingShowsEveryCommitInFull() {
        String text = CommitTable.text();
        for (Commit c : Commits.all()) {
            assertTrue(text.contains(c.term() + "  " + c.title() + "\n"), c.hash());
            String fixes = c.fixes().isEmpty() ? "(none in the commit message)" : c.fixes();
            assertTrue(text.contains("    Fixes:     " + fixes + "\n"), c.hash());
            assertTrue(text.contains("    files:     " + String.join(", ", c.files()) + "\n"), c.hash());
            assertTrue(text.contains("    functions: " + String.join(", ", c.functions()) + "\n"), c.hash());
        }
        assertTrue(text.startsWith("TREE "), text);
        assertTrue(text.matches("(?s).*\nv6\\.8-b5bf7778b722 +v6\\.8-pre-fix, pre-fix +v6\\.8 without b5bf7778b722 .*"), text);
    }
}
