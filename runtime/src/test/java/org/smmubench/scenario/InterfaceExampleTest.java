package org.smmubench.scenario;

import org.smmubench.iommu.Bus;

import org.smmubench.mm.Prot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.smmubench.driver.tree.DriverVariants;

/** The full example of interface.md §3 is the format's reference: it must load into exactly these records. */
class InterfaceExampleTest {
    private static final String F = "scenarios/interface-example.yaml";

    private static SourcePos at(int line, int column) { return new SourcePos(F, line, column); }

    @Test
    void theInterfaceExampleLoadsIntoTheExpectedRecords() {
        List<Scenario> loaded = Loading.resource("interface-example.yaml");

        Scenario expected = new Scenario(
                "first SVA bind at PASID 1024 allocates a CD leaf", "free text",
                List.of(DriverVariants.PRE_FIX, DriverVariants.FIXED),
                SmmuOptions.defaults(),
                List.of(new DeviceSpec("nic0", Bus.PCI, List.of(0x100), 20, false, true, null, at(14, 5)),
                        new DeviceSpec("dsp0", Bus.PLATFORM, List.of(0x10), null, false, true, "dsp", at(20, 5)),
                        new DeviceSpec("dsp1", Bus.PLATFORM, List.of(0x11), null, false, true, "dsp", at(21, 5))),
                List.of(new ProcessSpec("proc1", 1024, 7, List.of(new Mapping(0x400000, 0x10000, Prot.RW)), at(23, 5))),
                List.of(new Step.Bind("nic0", "proc1", "ok", at(29, 5)),
                        new Step.Dma("nic0", "proc1", null, 0x400000, Access.WRITE, "ok", at(30, 5)),
                        new Step.Dma("nic0", null, 9L, 0x1000, Access.READ, "fault", at(31, 5)),
                        new Step.Map("proc1", 0x800000, 0x1000, Prot.R, at(32, 5)),
                        new Step.Unmap("proc1", 0x400000, 0x1000, at(33, 5)),
                        new Step.Fail("kzalloc.bond", 2, null, at(34, 5)),
                        new Step.Exit("proc1", at(35, 5)),
                        new Step.Unbind("nic0", "proc1", "ok", at(36, 5))),
                new Expectation(Optional.of(Set.of()), java.util.Map.of()),
                at(1, 1));
        assertEquals(List.of(expected), loaded);
    }

    @Test
    void aMinimalScenarioGetsTheInterfaceDefaults() {
        Scenario s = Loading.one("scenario: nothing but a name\n");
        assertEquals(List.of(DriverVariants.DEFAULT), s.drivers());
        assertEquals(SmmuOptions.defaults(), s.smmu());
        assertEquals(List.of(), s.devices());
        assertEquals(List.of(), s.steps());
        assertEquals(Expectation.none(), s.expect());
        assertEquals(null, s.description());
    }

    @Test
    void stepAndDeviceDefaultsFollowTheInterface() {
        Scenario s = Loading.one("""
                scenario: defaults
                devices:
                  - {name: d, bus: platform, sid: 1}
                processes:
                  - {name: p}
                steps:
                  - bind: {device: d, process: p}
                  - dma: {device: d, va: 0x10, access: read}
                  - fail: {site: kzalloc.bond}
                """);
        assertEquals(new DeviceSpec("d", Bus.PLATFORM, List.of(1), null, false, true, null, new SourcePos("t.yaml", 3, 5)), s.devices().get(0));
        assertEquals(new ProcessSpec("p", null, null, List.of(), new SourcePos("t.yaml", 5, 5)), s.processes().get(0));
        assertEquals("ok", ((Step.Bind) s.steps().get(0)).expect());
        Step.Dma dma = (Step.Dma) s.steps().get(1);
        assertEquals(null, dma.process());
        assertEquals(null, dma.pasid());
        assertEquals(null, dma.expect());
        assertEquals(1, ((Step.Fail) s.steps().get(2)).nth());
    }
}
