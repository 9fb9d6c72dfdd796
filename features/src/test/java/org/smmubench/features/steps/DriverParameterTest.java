package org.smmubench.features.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Gherkin {driver} parameter takes a kernel tree and reports a bad commit as the other doors do. */
class DriverParameterTest {
    // driver() does not consult the scenario world.
    private final ParameterTypes types = new ParameterTypes(null);

    @Test
    void treesAndAliasesResolveToTheCanonicalTree() {
        assertEquals("v6.8+b025dea63cde", types.driver("v6.8+b025dea6"));
        assertEquals("v6.8-b5bf7778b722", types.driver("pre-fix"));
    }

    @Test
    void anUnknownCommitListsTheCommitsOfTheBase() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> types.driver("v6.8-deadbeef"));
        assertTrue(e.getMessage().startsWith("unknown commit 'deadbeef' in driver 'v6.8-deadbeef' (v6.8 models -b5bf7778b722"), e.getMessage());
    }
}
