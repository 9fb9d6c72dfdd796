package org.smmubench.dsl.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jline.reader.Candidate;
import org.jline.reader.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.dsl.script.GroovyScenarioLoader;
import org.smmubench.scenario.Scenario;

/** The shell's mechanics through piped input on a dumb terminal, against a stand-in bench. */
class ReplShellTest {
    static final String PRE = DriverVariants.PRE_FIX;
    static final String TOPOLOGY = "pci 'nic0', sid: 0x100\nprocess 'proc1', pasid: 1024\n";

    @Test
    void aBindOnPreFixShowsTheSplat() {
        String out = ReplHarness.run(PRE, TOPOLOGY + "bind 'nic0', 'proc1'\n", FakeBench::new);
        assertTrue(out.contains("smmu[v6.8-b5bf7778b722]> bind 'nic0', 'proc1'\n[1] bind nic0 proc1 -> ok"), out);
        assertTrue(out.contains("!! atomic-sleep violated at step 1 (bind nic0 proc1)"), out);
        assertTrue(out.contains("   " + FakeBench.SPLAT), out);
    }

    @Test
    void mistakesPrintOneLineAndTheSessionGoesOn() {
        String out = ReplHarness.run(PRE, TOPOLOGY + """
                bnd 'nic0', 'proc1'
                bind 'nic1', 'proc1'
                dma 'nic0', 'proc1', va: 0x1000, access: 'rw'
                bind nic0, proc1
                throw new IllegalStateException('boom')
                show nc0
                driver prefix
                (
                bind 'nic0', 'proc1'
                """, FakeBench::new);
        assertTrue(out.contains("error: unknown statement 'bnd' (did you mean 'bind'?)"), out);
        assertTrue(out.contains("error: unknown device 'nic1'; did you mean 'nic0'? (known: nic0)"), out);
        assertTrue(out.contains("error: dma: access must be 'read' or 'write', found 'rw'"), out);
        assertTrue(out.contains("error: unknown name 'nic0' (names of devices, processes and drivers are strings: 'nic0')"), out);
        assertTrue(out.contains("error: IllegalStateException: boom"), out);
        assertTrue(out.contains("error: show: no device or process named 'nc0' (did you mean 'nic0'?)"), out);
        assertTrue(out.contains("error: driver: unknown driver 'prefix' (did you mean 'pre-fix'?)"), out);
        // An unclosed bracket waits for more; the next line completes it as a (bad) expression.
        assertTrue(out.contains("[1] bind nic0 proc1 -> ok") || out.contains("error: "), out);
        assertFalse(out.contains("\tat "), "no stack traces: " + out);
        assertFalse(out.contains("Exception in"), out);
    }

    @Test
    void stepsAfterATypoStillRun() {
        String out = ReplHarness.run(PRE, TOPOLOGY + "bnd 'nic0', 'proc1'\nbind 'nic0', 'proc1'\nviolations\n", FakeBench::new);
        assertTrue(out.contains("[1] bind nic0 proc1 -> ok"), out);
        assertTrue(out.contains("  atomic-sleep  step 1 (bind nic0 proc1): GFP_KERNEL allocation with IRQs disabled"), out);
    }

    @Test
    void multiLineInputAndVariablesAcrossLines() {
        String out = ReplHarness.run(PRE, """
                def devs = ['a', 'b']
                devs.eachWithIndex { d, i ->
                    pci d, sid: 0x10 + i
                }
                process 'p'
                devs.each { bind it, 'p' }
                """, FakeBench::new);
        assertTrue(out.contains("b: pci device, sid 0x11: probed"), out);
        assertTrue(out.contains("[2] bind b p -> ok"), out);
    }

    @Test
    void commandsWorkWithOrWithoutQuotesAndDriverStartsAFreshBench() {
        String out = ReplHarness.run(PRE, TOPOLOGY + "show 'nic0'\nshow proc1\ndriver fixed\nshow nic0\nreset\nhelp bind\n", FakeBench::new);
        assertTrue(out.contains("STE nic0 V=1"), out);
        assertTrue(out.contains("process proc1"), out);
        assertTrue(out.contains("driver v6.8: fresh bench"), out);
        assertTrue(out.contains("smmu[v6.8]> show nic0\nerror: show: no device or process named 'nic0' (nothing declared yet; the hardware views are smmu, caches, events)"), out);
        assertTrue(out.contains("  bind 'DEVICE', 'PROCESS'[, expect: 'ok'|'ENOMEM'|...]"), out);
    }

    @Test
    void completesVerbsAndNamesByArgumentPosition() {
        ReplSession session = new ReplSession(FakeBench::new, PRE, new java.io.PrintWriter(java.io.Writer.nullWriter()));
        new ReplShell(session, null, new java.io.PrintWriter(java.io.Writer.nullWriter()), false)
                .eval(TOPOLOGY + "platform 'dsp0', sid: 0x10, group: 'dsp'");
        ReplCompleter c = new ReplCompleter(session);
        assertEquals(List.of("dsp0", "nic0"), values(c, "bind '"));
        assertEquals(List.of("dsp0", "nic0"), values(c, "dma "));
        assertEquals(List.of("proc1"), values(c, "bind 'nic0', '"));
        assertTrue(values(c, "dma 'nic0', ").containsAll(List.of("proc1", "va:", "pasid:")));
        assertEquals(List.of("read", "write"), values(c, "dma 'nic0', 'proc1', va: 0x400000, access: "));
        assertTrue(values(c, "bi").contains("bind"));
        assertTrue(values(c, "").containsAll(List.of("bind", "show", "save", "violations")));
        assertEquals(List.of("caches", "dsp0", "events", "nic0", "proc1", "smmu"), values(c, "show "));
        assertTrue(values(c, "driver ").containsAll(List.of("pre-fix", "fixed", "v6.8-fixed")));
        assertTrue(values(c, "fail ").contains("kzalloc.bond"));
        assertEquals(List.of("dsp0", "nic0"), values(c, "fail 'kzalloc.bond', device: "));
        assertTrue(values(c, "expect 'pre-fix', violations: ['atomic-sleep', ").contains("cd-placement"));
        assertEquals(List.of("dsp"), values(c, "platform 'dsp1', sid: 0x11, group: "));
    }

    @Test
    void completedNamesAreQuotedInStatementsAndBareInCommands() {
        ReplParser p = new ReplParser();
        var stmt = (ReplParser.Words) p.parse("bind 'ni", 8, Parser.ParseContext.COMPLETE);
        assertEquals("ni", stmt.word());
        assertEquals("'nic0'", stmt.escape("nic0", true).toString());
        var bare = (ReplParser.Words) p.parse("bind ni", 7, Parser.ParseContext.COMPLETE);
        assertEquals("'nic0'", bare.escape("nic0", true).toString());
        assertEquals("va:", bare.escape("va:", false).toString());
        var cmd = (ReplParser.Words) p.parse("show ni", 7, Parser.ParseContext.COMPLETE);
        assertEquals("nic0", cmd.escape("nic0", true).toString());
    }

    @Test
    void incompleteInputIsRecognised() {
        assertEquals("}", ReplParser.missing("for (i in 0..1) {"));
        assertEquals("]", ReplParser.missing("process 'p', mappings: [[va: 1,"));
        assertEquals("more", ReplParser.missing("bind 'nic0',"));
        assertEquals("'''", ReplParser.missing("x = '''abc"));
        assertEquals(null, ReplParser.missing("bind 'nic0', 'p' // {"));
        assertEquals(null, ReplParser.missing("x = '{'"));
        assertEquals(null, ReplParser.missing("show nic0"));
        assertEquals(null, ReplParser.missing(")"));
    }

    @Test
    void saveWritesAGroovyScenarioOfTheStepsThatRan(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("session.groovy");
        String out = ReplHarness.run(PRE, TOPOLOGY + """
                scenario 'bind on pre-fix'
                bind 'nic0', 'proc1'
                bind 'nic9', 'proc1'
                show nic0
                violations
                dma 'nic0', 'proc1', va: 0x400000, access: 'write'
                save %s
                """.formatted(file), FakeBench::new);
        assertTrue(out.contains("saved 'bind on pre-fix' (1 device(s), 1 process(es), 2 step(s); expects [atomic-sleep] on v6.8-b5bf7778b722)"), out);
        List<Scenario> back = GroovyScenarioLoader.load(file);
        assertEquals(1, back.size());
        assertEquals(List.of("bind nic0 proc1", "dma nic0 proc1 write 0x400000"),
                back.get(0).steps().stream().map(s -> s.text()).toList());
        assertEquals(List.of(PRE), back.get(0).drivers());
        assertTrue(Files.readString(file).contains("expect 'v6.8-b5bf7778b722', violations: ['atomic-sleep']"), Files.readString(file));
    }

    @Test
    void fileOnTheCommandLineIsLoadedFirst(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rig.groovy");
        Files.writeString(file, TOPOLOGY + "bind 'nic0', 'proc1'\nbnd 'x'\n");
        String out = ReplHarness.run(PRE, "show nic0\n", FakeBench::new, file, false);
        assertTrue(out.contains("[1] bind nic0 proc1 -> ok"), out);
        assertTrue(out.contains("error: " + file + ":4: unknown statement 'bnd'"), out);
        assertTrue(out.contains("STE nic0 V=1"), out);
    }

    private static List<String> values(ReplCompleter c, String line) {
        List<Candidate> out = new ArrayList<>();
        c.complete(null, new ReplParser().parse(line, line.length(), Parser.ParseContext.COMPLETE), out);
        String word = ((ReplParser.Words) new ReplParser().parse(line, line.length(), Parser.ParseContext.COMPLETE)).word();
        return out.stream().map(Candidate::displ).filter(v -> v.startsWith(word)).sorted().distinct().toList();
    }

    @Test
    void aPickedNameGetsItsClosingQuoteAndNoSpace() {
        ReplSession session = new ReplSession(FakeBench::new, PRE, new java.io.PrintWriter(java.io.Writer.nullWriter()));
        new ReplShell(session, null, new java.io.PrintWriter(java.io.Writer.nullWriter()), false).eval(TOPOLOGY);
        String line = "bind 'ni";
        var parsed = (ReplParser.Words) new ReplParser().parse(line, line.length(), Parser.ParseContext.COMPLETE);
        List<Candidate> out = new ArrayList<>();
        new ReplCompleter(session).complete(null, parsed, out);
        Candidate nic0 = out.stream().filter(c -> c.displ().equals("nic0")).findFirst().orElseThrow();
        assertEquals("nic0'", nic0.value());
        assertEquals(false, nic0.complete(), "JLine adds a space after a complete candidate");
        assertEquals("'nic0'", parsed.escape(nic0.value(), nic0.complete()).toString());
        assertEquals("'ni", parsed.escape("ni", false).toString(), "a common prefix stays open");
        String key = "dma 'nic0', 'proc1', ac";
        var k = new ReplParser().parse(key, key.length(), Parser.ParseContext.COMPLETE);
        List<Candidate> keys = new ArrayList<>();
        new ReplCompleter(session).complete(null, k, keys);
        assertTrue(keys.stream().anyMatch(c -> c.value().equals("access:")), "keys are not quoted");
    }
}
