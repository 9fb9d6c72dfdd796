package org.smmubench.dsl.repl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.dsl.cli.ClassDataTraining;

/**
 * The launcher's training session must reach what it is there to load: a statement it cannot
 * run would end early with an error line and leave the bench, the DMA and the hardware views
 * out of the archive, silently (the training's output is discarded).
 */
class ClassDataTrainingSessionTest {
    @Test
    void theTrainingSessionRunsEveryStatement() {
        String out = ReplHarness.run(DriverVariants.DEFAULT, ClassDataTraining.REPL_SESSION, LiveBench::real);
        assertFalse(out.contains("error:"), out);
        assertTrue(out.contains("dma nic0 proc1 write 0x400000 -> ok"), out);
        assertTrue(out.contains("CD ssid 0x400"), out);
    }
}
