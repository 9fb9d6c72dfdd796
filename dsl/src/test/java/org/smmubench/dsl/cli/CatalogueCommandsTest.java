package org.smmubench.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.smmubench.check.Invariants;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.kernel.FailureSites;

class CatalogueCommandsTest {
    private final FakeRunner runner = new FakeRunner();

    @Test
    void driversListsEveryVariantWithItsAliases() {
        var r = Cli.run(runner, "drivers");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("TREE "), r.out());
        for (var v : DriverVariants.all()) {
            assertTrue(r.out().contains(v.id() + " "), v.id());
            assertTrue(r.out().contains(String.join(", ", v.aliases())), v.id());
        }
    }

    @Test
    void invariantsListsEveryId() {
        var r = Cli.run(runner, "invariants");
        assertEquals(0, r.code());
        for (String id : Invariants.ids()) assertTrue(r.out().contains("\n" + id + " "), id);
    }

    @Test
    void sitesListsEverySite() {
        var r = Cli.run(runner, "sites");
        assertEquals(0, r.code());
        for (String s : FailureSites.names()) assertTrue(r.out().contains("\n" + s + " "), s);
    }
}
