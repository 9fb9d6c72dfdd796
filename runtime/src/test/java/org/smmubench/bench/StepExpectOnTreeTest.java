package org.smmubench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each tree's run checks a step against that tree's entry of a per-tree {@code expect}. */
class StepExpectOnTreeTest {
    @Test
    void eachTreeIsHeldToItsOwnResult(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("s.yaml");
        // Every tree binds fine; the entry for the b5bf7778 revert is deliberately wrong.
        Files.writeString(f, """
                scenario: s
                driver: [v6.8-b5bf7778b722, v6.8]
                devices: [{name: nic0, bus: pci, sid: 0x100}]
                processes: [{name: proc1, mappings: [{va: 0x400000, size: 0x1000, prot: rw}]}]
                steps:
                  - bind: {device: nic0, process: proc1, expect: {default: ok, v6.8-b5bf7778b722: EBUSY}}
                expect: {violations: []}
                """);
        List<RunResult> rs = new YamlFileRunner().prepare(f).run(List.of(), false);
        RunResult pre = rs.get(0), v68 = rs.get(1);
        assertEquals("v6.8", v68.driver());
        assertTrue(v68.passed(), v68.toString());
        assertFalse(pre.passed(), pre.toString());
        assertEquals(1, pre.stepFailures().size());
        assertTrue(pre.stepFailures().get(0).message().contains("expected EBUSY, got ok"), pre.stepFailures().get(0).message());
    }
}
