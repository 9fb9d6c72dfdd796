package org.smmubench.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * {@code run --driver all examples} passes: scenarios that pin their tree keep it, the rest
 * run on every tree (the DriverChoice rule), and no Outline row is renamed "#n".
 */
class ExamplesOnEveryTreeTest {
    @Test
    void everyExamplePassesUnderDriverAll() {
        var r = Cli.run(FileRunners.installed(), Optional::empty, "run", "--driver", "all", "../examples");
        assertEquals(0, r.code(), r.out() + r.err());
        assertFalse(r.out().contains(" #1"), r.out());
    }

    @Test
    void everyExamplePassesOnItsOwnTrees() {
        var r = Cli.run(FileRunners.installed(), Optional::empty, "run", "../examples");
        assertEquals(0, r.code(), r.out() + r.err());
    }
}
