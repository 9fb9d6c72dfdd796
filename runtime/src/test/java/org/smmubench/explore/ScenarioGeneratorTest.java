package org.smmubench.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.iommu.IommuDomainType;
import org.smmubench.mm.Prot;
import org.smmubench.scenario.DeviceSpec;
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

    /** The scenarios an exploration makes (growing with the run index) pass the same checks. */
    @Test
    void growingScenariosPassTheLoadersChecksToo() {
        for (int i = 0; i < 400; i++) {
            Scenario s = GEN.generate(Explorer.runSeed(11, i), i, "r" + i);
            assertTrue(Validity.accepts(s), ScenarioWriter.write(s));
        }
    }

    /**
     * Run 0 is one step on one device and one process, on the common system: no edge
     * configuration; by run GROWTH_RUNS every size and edge is possible.
     */
    @Test
    void scenariosGrowWithTheRunIndex() {
        for (long seed = 1; seed <= 200; seed++) {
            Scenario s = GEN.generate(Explorer.runSeed(seed, 0), 0, "first");
            assertEquals(1, s.steps().size());
            assertEquals(1, s.devices().size());
            assertEquals(1, s.processes().size());
            assertTrue(s.smmu().twoLevelCdTable() && s.smmu().asidBits() == 16, s.smmu().toString());
            DeviceSpec d = s.devices().get(0);
            assertTrue(d.sva() && d.defaultDomain() == IommuDomainType.DMA && !Integer.valueOf(0).equals(d.pasidBits()), d.toString());
            assertTrue(!(s.steps().get(0) instanceof Step.Fail), s.steps().toString());
        }
        assertEquals(1, GEN.maxStepsAt(0));
        assertEquals(12, GEN.maxStepsAt(Rates.GROWTH_RUNS));
        assertEquals(12, GEN.maxStepsAt(Integer.MAX_VALUE));
        assertEquals(4, ScenarioGenerator.maxTopologyAt(Rates.GROWTH_RUNS, 4));
        int biggest = 0;
        for (int i = 0; i < 200; i++) biggest = Math.max(biggest, GEN.generate(Explorer.runSeed(5, i), i, "g").steps().size());
        assertEquals(12, biggest);
    }

    /** Binds mostly go where a driver would get SVA enabled; the rest is the stated edge rate. */
    @Test
    void bindsMostlyGoToDevicesThatCanDoSva() {
        int binds = 0, unable = 0;
        for (Scenario s : many(2000)) {
            for (Step st : s.steps()) {
                if (!(st instanceof Step.Bind b)) continue;
                DeviceSpec d = s.devices().stream().filter(x -> x.name().equals(b.device())).findFirst().orElseThrow();
                boolean able = s.smmu().asidBits() >= 16 && s.smmu().ssidBits() > 0 && d.sva() && !Integer.valueOf(0).equals(d.pasidBits());
                boolean anyAble = s.devices().stream().anyMatch(x -> s.smmu().asidBits() >= 16 && s.smmu().ssidBits() > 0 && x.sva()
                        && !Integer.valueOf(0).equals(x.pasidBits()));
                if (!anyAble) continue;
                binds++;
                if (!able) unable++;
            }
        }
        assertTrue(binds > 1000, "binds " + binds);
        // 5 % of binds pick any device, and some of those are able too: well under 5 % then.
        assertTrue(unable * 100 < binds * Rates.BIND_TO_UNABLE_DEVICE, unable + " of " + binds);
        assertTrue(unable > 0, "the edge is still reached");
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
        assertTrue(all.stream().anyMatch(s -> s.steps().stream().anyMatch(st -> st instanceof Step.CpuWrite w && s.processes().stream()
                .anyMatch(p -> p.name().equals(w.process()) && p.mappings().stream().anyMatch(m -> m.prot() == Prot.R
                        && w.va() >= m.va() && w.va() < m.va() + m.size())))), "cpu-write into a read-only mapping");
        assertTrue(all.stream().anyMatch(s -> s.devices().stream().anyMatch(d -> d.defaultDomain() == IommuDomainType.IDENTITY)), "identity domain");
        assertTrue(all.stream().anyMatch(s -> s.devices().stream().anyMatch(d -> Integer.valueOf(0).equals(d.pasidBits()))), "PASID-less device");
        assertTrue(all.stream().anyMatch(s -> s.smmu().asidBits() == 8), "an SMMU that cannot do SVA");
    }
}
