package org.smmubench.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --name, --tags, --steps and --shard with merge, on the real runners. */
class RunControlTest {
    @TempDir
    Path dir;

    private static Cli.Result cli(String... args) {
        return Cli.run(FileRunners.installed(), Optional::empty, args);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    private Path suite() throws IOException {
        write("s/a.yaml", """
                scenario: seed on pre-fix
                driver: pre-fix
                tags: [seed, "@slow"]
                smmu: {cd-table: two-level}
                devices: [{name: nic0, bus: pci, sid: 0x100}]
                processes: [{name: p1, pasid: 0x400}]
                steps:
                  - bind: {device: nic0, process: p1}
                expect: {violations: [atomic-sleep]}
                ---
                scenario: linear bind
                tags: [linear]
                devices: [{name: nic0, bus: pci, sid: 0x100}]
                processes: [{name: p1, pasid: 1}]
                steps:
                  - bind: {device: nic0, process: p1}
                """);
        write("s/b.groovy", """
                scenario 'groovy seed'
                tags 'seed'
                driver 'fixed'
                pci 'nic0', sid: 0x100
                process 'p1', pasid: 0x400
                bind 'nic0', 'p1'
                """);
        write("s/c.feature", """
                Feature: f
                  @seed
                  Scenario: gherkin seed
                    Given the "pre-fix" driver
                    And a PCI device "nic0" with stream ID 0x100
                    And a process "proc1" with PASID 1024
                    When "proc1" is bound to "nic0"
                    Then only the invariant "atomic-sleep" is violated

                  Scenario: gherkin plain
                    Given a PCI device "nic0" with stream ID 0x100
                """);
        return dir.resolve("s");
    }

    private static List<String> runLines(String out) {
        return out.lines().filter(l -> l.startsWith("PASS ") || l.startsWith("FAIL ")).toList();
    }

    @Test
    void nameSelectsByRegexAcrossFormats() throws IOException {
        var r = cli("run", "--name", "seed", suite().toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(3, runLines(r.out()).size(), r.out());
        for (String l : runLines(r.out())) assertTrue(l.contains("seed"), l);
    }

    @Test
    void tagsSelectYamlGroovyAndGherkinAlike() throws IOException {
        var r = cli("run", "--tags", "@seed and not @slow", suite().toString());
        assertEquals(0, r.code(), r.out() + r.err());
        List<String> lines = runLines(r.out());
        assertEquals(2, lines.size(), r.out());
        assertTrue(lines.get(0).contains("groovy seed") && lines.get(1).contains("gherkin seed"), r.out());
    }

    @Test
    void aMalformedTagExpressionOrShardIsAUsageError() throws IOException {
        Path s = suite();
        assertEquals(2, cli("run", "--tags", "@a and (", s.toString()).code());
        assertEquals(2, cli("run", "--shard", "3/2", s.toString()).code());
        assertEquals(2, cli("run", "--shard", "x", s.toString()).code());
        assertEquals(2, cli("run", "--name", "(", s.toString()).code());
        var none = cli("run", "--name", "no such scenario", s.toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("match --name no such scenario"), none.err());
    }

    @Test
    void stepsPrintOneLinePerStepWithTheViolationsItRaised() throws IOException {
        var r = cli("run", "--steps", "--name", "seed", suite().toString());
        assertEquals(0, r.code(), r.out() + r.err());
        // The tree column is as wide as the longest tree name 'all' knows.
        assertTrue(java.util.regex.Pattern.compile("PASS  v6\\.8-b5bf7778b722 +" + java.util.regex.Pattern.quote(dir.resolve("s/a.yaml")
                + "  seed on pre-fix  [atomic-sleep]\n" + "      step 1: bind nic0 p1 -> ok  new: atomic-sleep\n")).matcher(r.out()).find(), r.out());
        assertTrue(r.out().contains("      step 4: When \"proc1\" is bound to \"nic0\" -> passed  new: atomic-sleep\n"
                + "      step 5: Then only the invariant \"atomic-sleep\" is violated -> passed\n"), r.out());
    }

    @Test
    void gherkinTraceHasTheSameStepHeadersAsYaml() throws IOException {
        var r = cli("run", "--trace", "--name", "gherkin seed", suite().toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("  == setup\n"), r.out());
        assertTrue(r.out().contains("  == step 1: bind nic0 proc1 -> ok\n"), r.out());
    }

    @Test
    void shardsMergedEqualOneUnshardedRun() throws IOException {
        Path s = suite();
        Path whole = dir.resolve("whole.json");
        Path wholeXml = dir.resolve("whole.xml");
        var one = cli("run", "--driver", "all", "--json", whole.toString(), "--junit", wholeXml.toString(), s.toString(), "../examples");
        assertEquals(0, one.code(), one.out() + one.err());
        for (int n : new int[] {3, 40}) {   // 40: more shards than scenarios, some empty
            List<String> parts = new ArrayList<>();
            for (int k = n; k >= 1; k--) {   // any order
                Path part = dir.resolve("part-" + k + "-of-" + n + ".json");
                var shard = cli("run", "--driver", "all", "--shard", k + "/" + n, "--json", part.toString(), s.toString(), "../examples");
                assertEquals(0, shard.code(), shard.out() + shard.err());
                parts.add(part.toString());
            }
            Path merged = dir.resolve("merged.json");
            Path mergedXml = dir.resolve("merged.xml");
            List<String> args = new ArrayList<>(List.of("merge", "--json", merged.toString(), "--junit", mergedXml.toString()));
            args.addAll(parts);
            var m = cli(args.toArray(String[]::new));
            assertEquals(0, m.code(), m.out() + m.err());
            assertEquals(lastLine(one.out()), m.lastLine());
            assertEquals(withoutDurations(Files.readString(whole)), withoutDurations(Files.readString(merged)), n + " shards");
            assertEquals(withoutTimes(Files.readString(wholeXml)), withoutTimes(Files.readString(mergedXml)), n + " shards");
        }
    }

    @Test
    void mergeRejectsAnIncompleteOrMixedSet() throws IOException {
        Path s = suite();
        Path p1 = dir.resolve("p1.json");
        Path plain = dir.resolve("plain.json");
        cli("run", "--shard", "1/2", "--json", p1.toString(), s.toString());
        cli("run", "--json", plain.toString(), s.toString());
        var missing = cli("merge", p1.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("missing shard 2/2"), missing.err());
        var twice = cli("merge", p1.toString(), p1.toString());
        assertTrue(twice.err().contains("shard 1/2 is given twice"), twice.err());
        assertEquals(2, cli("merge", p1.toString(), plain.toString()).code());
        Files.writeString(dir.resolve("bad.json"), "{\"x\": 1}");
        var bad = cli("merge", dir.resolve("bad.json").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("not a smmu-bench JSON report"), bad.err());
        assertFalse(bad.err().contains("\tat "), bad.err());
    }

    private static String lastLine(String out) {
        List<String> l = out.lines().toList();
        return l.get(l.size() - 1);
    }

    private static String withoutDurations(String json) { return json.replaceAll("\"durationMs\": [0-9]+", ""); }

    private static String withoutTimes(String xml) { return xml.replaceAll("time=\"[0-9.]+\"", ""); }
}
