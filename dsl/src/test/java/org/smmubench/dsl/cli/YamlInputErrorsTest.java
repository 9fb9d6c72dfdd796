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

/** The real YAML runner behind the CLI: bad input is located, reported, and nothing runs. */
class YamlInputErrorsTest {
    @TempDir
    Path dir;

    @Test
    void malformedYamlExitsTwoWithFileLineColumnAndRunsNothing() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                scenario: typo in a step
                steps:
                  - bnd: {device: nic0, process: proc1}
                """);
        var r = Cli.run(FileRunners.installed(), Optional::empty, "run", bad.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().matches("(?s)" + java.util.regex.Pattern.quote(bad.toString()) + ":\\d+:\\d+: .*"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertEquals("", r.out(), "nothing ran");
    }

    @Test
    void aScenarioWithoutStepsRunsWithALocatedWarning() throws IOException {
        Path f = Files.writeString(dir.resolve("probe.yaml"), """
                scenario: only a topology
                devices: [{name: nic0, bus: pci, sid: 0x100}]
                """);
        var r = Cli.run(FileRunners.installed(), Optional::empty, "run", f.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains(f + ":1:1: warning: scenario 'only a topology' has no steps"), r.err());
    }

    @Test
    void theFirstFileIsNotRunWhenTheSecondIsBad() throws IOException {
        Path good = Files.writeString(dir.resolve("a.yaml"), """
                scenario: fine
                devices: [{name: nic0, bus: pci, sid: 0x100}]
                processes: [{name: p}]
                steps: [{bind: {device: nic0, process: p}}]
                """);
        Path bad = Files.writeString(dir.resolve("b.yaml"), """
                scenario: asid collision
                processes: [{name: p1}, {name: p2, asid: 1}]
                """);
        var r = Cli.run(FileRunners.installed(), Optional::empty, "run", good.toString(), bad.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(bad + ":2:25: ASID 1 is already given to process 'p1'"), r.err());
        assertEquals("", r.out(), "nothing ran");
    }

    @Test
    void yamlIsRegisteredForBothExtensions() {
        var exts = FileRunners.installed().extensions();
        assertTrue(exts.contains("yaml") && exts.contains("yml"), exts.toString());
    }
}
