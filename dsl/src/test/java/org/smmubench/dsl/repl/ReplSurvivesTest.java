package org.smmubench.dsl.repl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smmubench.driver.tree.DriverVariants;

/** Nothing typed at the prompt ends the session: asserts, Errors, checked exceptions, runaway loops, unfinished input. */
class ReplSurvivesTest {
    @TempDir
    Path dir;

    private static String session(String input) {
        return ReplHarness.run(DriverVariants.FIXED, input, LiveBench::real);
    }

    @Test
    void assertErrorAndCheckedExceptionsPrintOneLineAndTheSessionGoesOn() {
        String out = session("assert 1 == 2\nthrow new Error('boom')\nnew File('/nonexistent/x').text\n"
                + "def f(n) { f(n + 1) }; f(0)\nprintln 'still here'\n");
        assertTrue(out.contains("error: assertion failed: assert 1 == 2\n"), out);
        assertTrue(out.contains("error: Error: boom\n"), out);
        assertTrue(out.contains("error: FileNotFoundException: /nonexistent/x"), out);
        assertTrue(out.contains("error: stack overflow"), out);
        assertTrue(out.contains("still here"), out);
        assertFalse(out.contains("\tat "), out);
    }

    /** A fuzz finding: save before anything ran (no bench, so no driver) was an internal NullPointerException. */
    @Test
    void saveBeforeAnythingRanSaysThereIsNothingToSave() {
        String out = session("expect 'fixed', violations: []\nsave nothing-yet.yaml\n");
        assertTrue(out.contains("error: save: nothing to save yet"), out);
        assertFalse(out.contains("NullPointerException"), out);
    }

    @Test
    void twoBlankLinesGiveUpAnUnfinishedInput() {
        String out = session("[\n\n\nprintln 'after the bracket'\n");
        assertTrue(out.contains("error: unfinished input (missing ]) dropped"), out);
        assertTrue(out.contains("after the bracket"), out);
    }

    @Test
    void inputEndingInsideAStatementSaysWhatWasDropped() {
        String out = session("println 'x'\n/* never closed\nsave a.yaml\nquit\n");
        assertTrue(out.contains("warning: input ended inside an unfinished statement (missing */); dropped: /* never closed ..."), out);
    }

    @Test
    void saveAsksBeforeReplacingAndSaysWhyItFailed() throws Exception {
        Path f = Files.writeString(dir.resolve("s.yaml"), "mine");
        String rig = "pci 'nic0', sid: 0x100\nprocess 'p'\nbind 'nic0', 'p'\n";
        String out = session(rig + "save " + f + "\n");
        assertTrue(out.contains("error: save: " + f + " exists; `save! " + f + "` replaces it"), out);
        assertTrue(Files.readString(f).equals("mine"));
        out = session(rig + "save! " + f + "\n");
        assertTrue(Files.readString(f).startsWith("scenario: s"), Files.readString(f));
        out = session(rig + "save " + dir.resolve("no/such/dir/../../..").resolve("x.yaml").toString().replace("x.yaml", "") + "\n");
        assertTrue(out.contains("error: save:"), out);
    }

    @Test
    void controlAndBidiCharactersInMessagesAreEscaped() {
        String out = session("process 'a\\u202eb\\u001b[2J'\n");
        assertTrue(out.contains("error: process name 'a\\u202eb\\u001b[2J' may only hold"), out);
        assertFalse(out.contains("\u001b[2J' may"), out);
    }

    @Test
    void ctrlCInterruptsARunawayStatementAndKeepsTheSession() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            PipedInputStream in = new PipedInputStream();
            PipedOutputStream feed = new PipedOutputStream(in);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (Terminal t = new DumbTerminal("t", Terminal.TYPE_DUMB, in, bytes, StandardCharsets.UTF_8)) {
                PrintWriter out = t.writer();
                ReplSession session = new ReplSession(LiveBench::real, DriverVariants.FIXED, out);
                LineReader reader = Repl.reader(t, new ReplParser(), new ReplCompleter(session), null);
                ReplShell shell = new ReplShell(session, reader, out, true);
                Thread repl = new Thread(() -> shell.run(null));
                repl.start();
                feed.write("int x = 0; while (true) { x++ }\n".getBytes(StandardCharsets.UTF_8));
                feed.flush();
                // Until the loop runs, Ctrl-C would only clear the line being typed.
                while (!bytes.toString(StandardCharsets.UTF_8).contains("while (true)")) Thread.sleep(20);
                Thread.sleep(500);
                t.raise(Terminal.Signal.INT);
                feed.write("println 'after ctrl-c'\nquit\n".getBytes(StandardCharsets.UTF_8));
                feed.flush();
                repl.join(30_000);
                out.flush();
                String text = bytes.toString(StandardCharsets.UTF_8);
                assertTrue(text.contains("error: interrupted (Ctrl-C); the session goes on"), text);
                assertTrue(text.contains("after ctrl-c"), text);
            }
        });
    }
}
