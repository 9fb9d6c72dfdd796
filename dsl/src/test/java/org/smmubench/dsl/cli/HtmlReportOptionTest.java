package org.smmubench.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --html FILE}: the bench's own page, for YAML, Groovy and Gherkin runs in one report. */
class HtmlReportOptionTest {
    @TempDir
    Path dir;

    static Path example(String relative) {
        return Path.of(System.getProperty("basedir", "."), "..", "examples").normalize().resolve(relative);
    }

    @Test
    void oneRunOfEveryFrontEndLandsOnOnePageAndTheSameRunGivesTheSamePage() throws IOException {
        String[] inputs = {example("seed/leaf-at-1024.yaml").toString(), example("groovy/leaf-at-1024.groovy").toString(),
                example("features/bind-dma-unbind.feature").toString()};
        Path first = dir.resolve("first.html");
        Path second = dir.resolve("second.html");
        var r = Cli.run(FileRunners.installed(), Optional::empty, concat("run", "--html", first.toString(), inputs));
        assertEquals(0, r.code(), r.out() + r.err());
        Cli.run(FileRunners.installed(), Optional::empty, concat("run", "--html", second.toString(), inputs));
        String page = Files.readString(first);
        assertEquals(page, Files.readString(second), "identical runs, identical page");
        for (String input : inputs) assertTrue(page.contains("<td class=\"file\">" + input + "</td>"), input);
        int runs = count(page, "<details class=\"run ");
        assertTrue(runs >= 6, "runs on the page: " + runs);
        assertEquals(runs, count(page, "class=\"timeline\" id=\"run-"), "every run has its timeline");
        assertFalse(page.contains("This run was not recorded"));
    }

    @Test
    void anUnwritableReportIsAUsageError() {
        Path html = dir.resolve("no-such-dir").resolve("r.html");
        var r = Cli.run(FileRunners.installed(), Optional::empty, "run", "--html", html.toString(),
                example("seed/leaf-at-1024.yaml").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("cannot write HTML report"), r.err());
    }

    private static String[] concat(String a, String b, String c, String[] rest) {
        String[] out = new String[3 + rest.length];
        out[0] = a;
        out[1] = b;
        out[2] = c;
        System.arraycopy(rest, 0, out, 3, rest.length);
        return out;
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }
}
