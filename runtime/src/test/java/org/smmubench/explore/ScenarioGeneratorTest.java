package org.smmubench.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioException;
import org.smmubench.scenario.ScenarioLoader;
import org.smmubench.scenario.ScenarioWriter;
import org.smmubench.scenario.Step;

/** The generator makes only scenarios a user could write, the same ones for the same seed, and reaches the edges. */
class ScenarioGeneratorTest {
    private static final ScenarioGenerator GEN = new ScenarioGenerator(12, List.of(DriverVariants.PRE_FIX, DriverVariants.FIXED));

    private static List<Scenario> many(int n) {
        List<Scenario> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(GEN.generate(Explorer.runSeed(7, i), "g" + i));
        return out;
    }

    @Test
    void everyGeneratedScenarioPassesTheLoadersChecksAndReadsBackTheSame() {
        for (Scenario s : many(1000)) {
            String yaml = ScenarioWriter.write(s);
            try {
                Scenario back = ScenarioLoader.parse(s.name() + ".yaml", yaml).get(0);
                assertEquals(yaml, ScenarioWriter.write(back), "round trip of " + s.name());
            } catch (ScenarioException e) {
                fail("generated scenario rejected: " + e.errors() + "\n" + yaml);
            }
        }
    }

    @Test
    void withInterleavingsParallelStepsAreGeneratedAndStillValid() {
        ScenarioGenerator par = new ScenarioGenerator(6, List.of(DriverVariants.FIXED), true);
        int parallel = 0;
        for (int i = 0; i < 300; i++) {
            Scenario s = par.generate(Explorer.runSeed(3, i), "p" + i);
            assertTrue(Validity.accepts(s), ScenarioWriter.write(s));
            if (s.steps().stream().anyMatch(st -> st instanceof Step.Parallel)) parallel++;
        }
        assertTrue(parallel > 100, "parallel steps in " + parallel + " of 300");
        // Without the option the same seeds give the scenarios they always gave.
        assertEquals(new ScenarioGenerator(6, List.of(DriverVariants.FIXED)).generate(5, "x").steps(),
                new ScenarioGenerator(6, List.of(DriverVariants.FIXED), false).generate(5, "x").steps());
    }

    @Test
    void theSameSeedGivesTheSameScenario() {
        assertEquals(GEN.generate(42, "x"), GEN.generate(42, "x"));
        assertTrue(!GEN.generate(42, "x").equals(GEN.generate(43, "x")));
    }

    @Test
    void stepCountsStayWithinTheLimit() {
        ScenarioGenerator two = new ScenarioGenerator(2, List.of(DriverVariants.FIXED));
        for (int i = 0; i < 200; i++) {
            int n = two.generate(i, "s").steps().size();
            assertTrue(n >= 1 && n <= 2, "steps " + n);
        }
    }

    /** Without these, the generator would wander away from where this driver's bugs have been. */
    @Test
    void theEdgesAreReached() {
        List<Scenario> all = many(1000);
        assertTrue(all.stream().anyMatch(s -> s.processes().stream().anyMatch(p -> Integer.valueOf(0x400).equals(p.pasid()))), "PASID 0x400");
        assertTrue(all.stream().anyMatch(s -> s.processes().stream().anyMatch(p -> Integer.valueOf(0x3ff).equals(p.pasid()))), "PASID 0x3ff");
        assertTrue(all.stream().anyMatch(s -> s.processes().stream().anyMatch(p -> Integer.valueOf(0xfffff).equals(p.pasid()))), "widest PASID");
        assertTrue(all.stream().anyMatch(s -> s.processes().stream().anyMatch(p -> Integer.valueOf(1).equals(p.asid()))), "ASID 1 (a private ASID)");
        assertTrue(all.stream().anyMatch(s -> !s.smmu().twoLevelCdTable()), "linear CD table");
        assertTrue(all.stream().anyMatch(s -> s.devices().size() == 4), "four devices");
        assertTrue(all.stream().anyMatch(s -> s.devices().stream().filter(d -> d.group() != null).map(d -> d.group()).distinct()
                .anyMatch(g -> s.devices().stream().filter(d -> g.equals(d.group())).count() >= 2)), "a shared platform group");
        assertTrue(all.stream().anyMatch(s -> s.steps().stream().anyMatch(st -> st instanceof Step.Unmap u && u.size() == 0x1000)), "one-page unmap");
        assertTrue(all.stream().anyMatch(s -> s.steps().stream().anyMatch(st -> st instanceof Step.Unmap u && u.size() == EdgeValues.HUGE)), "huge unmap");
        assertTrue(all.stream().anyMatch(s -> s.steps().stream().anyMatch(st -> st instanceof Step.Unmap u && u.va() % 0x200000 == 0x1ff000 && u.size() == 0x2000)), "unmap across a 2 MiB table");
        for (String site : org.smmubench.kernel.FailureSites.names())
            assertTrue(all.stream().anyMatch(s -> s.steps().stream().anyMatch(st -> st instanceof Step.Fail f && f.site().equals(site))), site);
        assertTrue(all.stream().anyMatch(s -> s.steps().stream().anyMatch(st -> st instanceof Step.Exit)), "exit");
    }
}
