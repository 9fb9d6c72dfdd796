package org.smmubench.dsl.repl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.smmubench.driver.tree.DriverVariants;

/** A parallel statement in the shell runs over every interleaving first, then shows the violating one live. */
class ReplParallelTest {
    private static final String TOPOLOGY = """
            pci 'nic0', sid: 0x100
            process 'proc1', pasid: 1, mappings: [[va: 0x400000, size: 0x1000, prot: 'rw']]
            bind 'nic0', 'proc1'
            """;

    @Test
    void aRaceThatCanFailShowsItsFailingInterleaving() {
        String out = ReplHarness.run(DriverVariants.FIXED, TOPOLOGY
                + "parallel { dma 'nic0', 'proc1', va: 0x400000, access: 'write', expect: 'ok' } { unbind 'nic0', 'proc1' }\n",
                LiveBench::real);
        assertTrue(out.contains("interleavings run; violated over all of them: [forbidden-event]; showing the first that failed: t2:* t1:*"), out);
        assertTrue(out.contains("expectation failed"), out);
    }

    @Test
    void aCleanRaceSaysSoAndRunsInBranchOrder() {
        String out = ReplHarness.run(DriverVariants.FIXED, TOPOLOGY + "parallel { unbind 'nic0', 'proc1' } { exit 'proc1' }\n",
                LiveBench::real);
        assertTrue(out.contains("interleavings run; violated over all of them: []; none failed"), out);
        assertTrue(out.contains("-> ok  (schedule t1:* t2:*)"), out);
    }
}
