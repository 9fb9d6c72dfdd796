package org.smmubench.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class ReplCommandTest {
    private final FileRunners runners = new FileRunners(List.of(new FakeRunner()));

    @Test
    void saysSoWhenTheBuildHasNoRepl() {
        var r = Cli.run(runners, Optional::empty, "repl");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("REPL not available in this build"), r.err());
    }

    @Test
    void handsTheCanonicalDriverToTheLauncher() {
        AtomicReference<ReplRequest> got = new AtomicReference<>();
        ReplLauncher fake = req -> { got.set(req); return 0; };
        var r = Cli.run(runners, () -> Optional.of(fake), "repl", "--driver", "pre-fix", "--jshell");
        assertEquals(0, r.code(), r.err());
        assertEquals("v6.8-b5bf7778b722", got.get().driverId());
        assertTrue(got.get().jshell());
        assertTrue(got.get().file().isEmpty());
    }

    @Test
    void rejectsAnUnknownDriverAndAll() {
        assertEquals(2, Cli.run(runners, Optional::empty, "repl", "--driver", "nope").code());
        assertEquals(2, Cli.run(runners, Optional::empty, "repl", "--driver", "all").code());
    }
}
