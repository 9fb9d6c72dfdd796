package org.smmubench.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every subcommand answers {@code --help}, {@code -h} and {@code help CMD} with its usage, exit 0. */
class HelpTest {
    private final FakeRunner runner = new FakeRunner();

    @ParameterizedTest
    @ValueSource(strings = {"run", "repl", "drivers", "invariants", "sites"})
    void helpOptionPrintsTheUsage(String cmd) {
        for (String flag : new String[] {"--help", "-h"}) {
            var r = Cli.run(runner, cmd, flag);
            assertEquals(0, r.code(), cmd + " " + flag + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: smmu-bench " + cmd), r.out());
            assertEquals("", r.err());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "repl", "drivers", "invariants", "sites"})
    void helpCommandPrintsTheSameUsage(String cmd) {
        var r = Cli.run(runner, "help", cmd);
        assertEquals(0, r.code(), r.err());
        assertEquals(Cli.run(runner, cmd, "--help").out(), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "help"})
    void topLevelHelpListsTheCommands(String arg) {
        var r = Cli.run(runner, arg);
        assertEquals(0, r.code(), r.err());
        for (String c : new String[] {"run", "repl", "drivers", "invariants", "sites", "help"})
            assertTrue(r.out().contains("\n  " + c + " "), c + " in " + r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "drivers"})
    void versionOnASubcommandNamesTheBench(String cmd) {
        var r = Cli.run(runner, cmd, "--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("smmu-bench "), r.out());
    }
}
