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
    void yamlIsRegisteredForBothExtensions() {
        var exts = FileRunners.installed().extensions();
        assertTrue(exts.contains("yaml") && exts.contains("yml"), exts.toString());
    }
}
