package org.smmubench.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.smmubench.bench.BenchParts;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.iommu.Bus;
import org.smmubench.iommu.IommuDomainType;
import org.smmubench.mm.Prot;
import org.smmubench.scenario.Access;
import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.Expectation;
import org.smmubench.scenario.Mapping;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.SmmuOptions;
import org.smmubench.scenario.SourcePos;
import org.smmubench.scenario.Step;

/** The shrinker's result still fails, and no single further removal or simplification does. */
class ShrinkerTest {
    private static final SourcePos U = SourcePos.UNKNOWN;

    /** Padding around the seed bug: a second device, a second process, mappings, DMA, an unmap, a late bind. */
    private static Scenario padded() {
        return new Scenario("padded", null, List.of(DriverVariants.PRE_FIX),
                new SmmuOptions(true, true, 20, 16, 16, true, false, true),
                List.of(new DeviceSpec("nic0", Bus.PCI, List.of(0x100, 0x101), null, true, true, null, U),
                        new DeviceSpec("dsp0", Bus.PLATFORM, List.of(0x8), 16, false, true, "grp", U)),
                List.of(new ProcessSpec("proc1", 0x7ff, 3, List.of(new Mapping(0x400000, 0x10000, Prot.RW)), U),
                        new ProcessSpec("proc2", null, null, List.of(new Mapping(0x1400000, 0x200000, Prot.R)), U)),
                List.of(new Step.Bind("dsp0", "proc2", "ok", U),
                        new Step.Dma("dsp0", "proc2", null, 0x1400000, Access.READ, null, U),
                        new Step.Unmap("proc2", 0x1400000, 0x2000, U),
                        new Step.Fail("kzalloc.bond", 3, "nic0", U),
                        new Step.Bind("nic0", "proc1", "ok", U),
                        new Step.Dma("nic0", "proc1", null, 0x400000, Access.WRITE, null, U)),
                Expectation.none(), U);
    }

    private static Predicate<Scenario> atomicSleepOnPreFix() {
        Oracle o = new Oracle(BenchParts.of(DriverVariants.PRE_FIX), BenchParts.of(DriverVariants.FIXED));
        FindingKey key = new FindingKey("atomic-sleep", "dmam_alloc_coherent");
        return s -> o.shows(s, key);
    }

    @Test
    void theSeedBugShrinksToOneDeviceOneProcessOneBindAtTheLeafBoundary() {
        Predicate<Scenario> fails = atomicSleepOnPreFix();
        assertTrue(fails.test(padded()));
        Scenario shrunk = new Shrinker(fails).shrink(padded());
        assertTrue(fails.test(shrunk));
        assertEquals(1, shrunk.devices().size());
        assertEquals(1, shrunk.processes().size());
        assertEquals(1, shrunk.steps().size());
        assertTrue(shrunk.steps().get(0) instanceof Step.Bind);
        // 0x400 is the first PASID of CD leaf 1: the smallest that needs a new leaf.
        assertEquals(Integer.valueOf(0x400), shrunk.processes().get(0).pasid());
        assertEquals(SmmuOptions.defaults(), shrunk.smmu());
    }

    @Test
    void theResultIsOneMinimal() {
        Predicate<Scenario> fails = atomicSleepOnPreFix();
        Scenario shrunk = new Shrinker(fails).shrink(padded());
        for (Scenario smaller : Shrinker.removals(shrunk))
            assertFalse(Validity.accepts(smaller) && fails.test(smaller), "still fails with one element fewer: " + smaller);
        for (Scenario simpler : Shrinker.simplifications(shrunk))
            assertFalse(Validity.accepts(simpler) && fails.test(simpler), "still fails when simpler: " + simpler);
    }

    /** A property with no bench behind it: the shrinker keeps exactly what the property names. */
    @Test
    void aSyntheticPropertyKeepsOnlyWhatItNeeds() {
        Predicate<Scenario> needsExitOfProc2AndASidAbove4 = s ->
                s.steps().stream().anyMatch(st -> st instanceof Step.Exit e && e.process().equals("proc2"))
                        && s.devices().stream().anyMatch(d -> d.sids().stream().anyMatch(x -> x > 4));
        Scenario start = padded();
        start = new Scenario(start.name(), null, start.drivers(), start.smmu(), start.devices(), start.processes(),
                concat(start.steps(), new Step.Exit("proc2", U)), start.expect(), U);
        Scenario shrunk = new Shrinker(needsExitOfProc2AndASidAbove4).shrink(start);
        assertEquals(List.of(new Step.Exit("proc2", U)), shrunk.steps());
        assertEquals(1, shrunk.devices().size());
        assertEquals(List.of(5), shrunk.devices().get(0).sids());
        assertEquals(1, shrunk.processes().size());
        assertTrue(shrunk.processes().get(0).mappings().isEmpty());
    }

    /**
     * ae91f6552c30's bug needs an IDENTITY default domain: the shrinker keeps it (a device it
     * rebuilds keeps its default domain) and drops everything else, and going back to DMA is
     * one of the simplifications it tried.
     */
    @Test
    void anIdentityDomainFindingKeepsTheIdentityDomain() {
        String unfixed = "v6.8+b025dea63cde", fixed = "v6.8+b025dea63cde+ae91f6552c30";
        Oracle o = new Oracle(BenchParts.of(unfixed), BenchParts.of(fixed));
        FindingKey key = new FindingKey("kernel-warn", "arm_smmu_write_ctx_desc");
        Predicate<Scenario> fails = s -> o.shows(s, key);
        Scenario start = new Scenario("identity", null, List.of(unfixed), SmmuOptions.defaults(),
                List.of(new DeviceSpec("nic0", Bus.PCI, List.of(0x100), null, false, true, null, U),
                        new DeviceSpec("nic1", Bus.PCI, List.of(0x200), 16, true, true, null, IommuDomainType.IDENTITY, U)),
                List.of(new ProcessSpec("proc1", 0x400, null, List.of(new Mapping(0x400000, 0x2000, Prot.R)), U)),
                List.of(new Step.Bind("nic0", "proc1", "ok", U),
                        new Step.CpuWrite("proc1", 0x400000, U),
                        new Step.Bind("nic1", "proc1", "ok", U)),
                Expectation.none(), U);
        assertTrue(fails.test(start));
        Scenario shrunk = new Shrinker(fails).shrink(start);
        assertEquals(1, shrunk.devices().size());
        assertEquals(IommuDomainType.IDENTITY, shrunk.devices().get(0).defaultDomain());
        assertEquals(List.of(new Step.Bind("nic1", "proc1", "ok", U)), shrunk.steps());
        for (Scenario simpler : Shrinker.simplifications(shrunk))
            assertFalse(Validity.accepts(simpler) && fails.test(simpler), "still fails when simpler: " + simpler);
    }

    /** Removing a process removes its CPU writes with it (else the candidate names a process that is gone). */
    @Test
    void removingAProcessTakesItsCpuWrites() {
        Scenario s = new Scenario("w", null, List.of(DriverVariants.FIXED), SmmuOptions.defaults(),
                List.of(new DeviceSpec("nic0", Bus.PCI, List.of(0x100), null, false, true, null, U)),
                List.of(new ProcessSpec("proc1", null, null, List.of(new Mapping(0x400000, 0x1000, Prot.R)), U),
                        new ProcessSpec("proc2", null, null, List.of(), U)),
                List.of(new Step.CpuWrite("proc1", 0x400000, U), new Step.Bind("nic0", "proc2", "ok", U)),
                Expectation.none(), U);
        Scenario without = Shrinker.removals(s).stream().filter(c -> c.processes().size() == 1
                && c.processes().get(0).name().equals("proc2")).findFirst().orElseThrow();
        assertEquals(List.of(new Step.Bind("nic0", "proc2", "ok", U)), without.steps());
        assertTrue(Validity.accepts(without));
    }

    @Test
    void smallerValuesComeSmallestFirstAndEndBelowTheValue() {
        List<Long> c = Shrinker.smaller(0x400, 1);
        assertEquals(1L, c.get(0));
        assertEquals(0x3ffL, c.get(c.size() - 1));
        for (int i = 1; i < c.size(); i++) assertTrue(c.get(i) > c.get(i - 1), c.toString());
        assertTrue(c.size() <= 12, "a binary search, not a scan: " + c.size());
        assertEquals(List.of(), Shrinker.smaller(1, 1));
    }

    private static List<Step> concat(List<Step> a, Step b) {
        List<Step> out = new java.util.ArrayList<>(a);
        out.add(b);
        return out;
    }
}
