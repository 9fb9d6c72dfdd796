package org.smmubench.dsl.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.YamlFileRunner;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.dsl.script.GroovyFileRunner;

/** The newcomer's session from `help`, on the real model: splat, show, save, and `run` passes the file. */
class ReplOnLiveBenchTest {
    static final String SESSION = """
            pci 'nic0', sid: 0x100
            process 'proc1', pasid: 1024, mappings: [[va: 0x400000, size: 0x10000, prot: 'rw']]
            bind 'nic0', 'proc1'
            dma 'nic0', 'proc1', va: 0x400000, access: 'write'
            show nic0
            """;

    @Test
    void bindOnPreFixSplatsAndShowDecodesTheCdTable() {
        String out = ReplHarness.run(DriverVariants.PRE_FIX, SESSION, LiveBench::real);
        assertTrue(out.contains("!! atomic-sleep violated at step 1 (bind nic0 proc1)"), out);
        assertTrue(out.contains("BUG: sleeping function called from invalid context"), out);
        assertTrue(out.contains("&smmu_domain->devices_lock"), out);
        assertTrue(out.contains("[2] dma nic0 proc1 write 0x400000 -> ok"), out);
        assertTrue(out.contains("CD ssid 0x400"), out);
    }

    @Test
    void theFixedDriverDoesNotSplat() {
        String out = ReplHarness.run(DriverVariants.FIXED, SESSION + "violations\n", LiveBench::real);
        assertTrue(out.contains("no violations so far"), out);
    }

    @Test
    void savedSessionsPassWhenRunAndReproduceTheViolations(@TempDir Path dir) {
        Path yaml = dir.resolve("leaf.yaml");
        Path groovy = dir.resolve("leaf.groovy");
        String out = ReplHarness.run(DriverVariants.PRE_FIX, SESSION + """
                bind 'nic0', 'nope'
                violations
                save %s
                save %s
                """.formatted(yaml, groovy), LiveBench::real);
        assertTrue(out.contains("expects [atomic-sleep] on v6.8-b5bf7778b722) to " + yaml), out);
        List<RunResult> results = new YamlFileRunner().prepare(yaml).run(List.of(), false);
        results = new java.util.ArrayList<>(results);
        results.addAll(new GroovyFileRunner().prepare(groovy).run(List.of(), false));
        assertEquals(2, results.size());
        for (RunResult r : results) {
            assertTrue(r.passed(), r.toString());
            assertEquals(DriverVariants.PRE_FIX, r.driver());
            assertEquals(Set.of("atomic-sleep"), r.violated());
            assertEquals(1, r.violations().get(0).step(), "the splat is at the bind, step 1: " + r);
        }
    }

    @Test
    void jshellSnippetsTouchTheLiveBench() {
        String out = ReplHarness.run(DriverVariants.PRE_FIX, """
                session.device(new DeviceSpec("nic0", Bus.PCI, List.of(0x100), null, false, true, null, SourcePos.UNKNOWN))
                session.process(new ProcessSpec("proc1", 1024, null, List.of(), SourcePos.UNKNOWN))
                session.step(new Step.Bind("nic0", "proc1", "ok", SourcePos.UNKNOWN))
                bench.violations().size()
                int x =
                  41 + 1;
                undefinedThing
                session.step(new Step.Bind("nic9", "proc1", "ok", SourcePos.UNKNOWN))
                /exit
                """, LiveBench::real, null, true);
        assertTrue(out.contains("smmu-bench JShell"), out);
        assertTrue(out.contains("!! atomic-sleep violated at step 1 (bind nic0 proc1)"), out);
        assertTrue(out.contains("$1 ==> 1"), out);
        assertTrue(out.contains("x ==> 42"), out);
        assertTrue(out.contains("error: cannot find symbol"), out);
        assertTrue(out.contains("exception: org.smmubench.dsl.script.DslError: unknown device 'nic9'"), out);
    }
}
