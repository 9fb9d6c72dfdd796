package org.smmubench.scenario;

import org.smmubench.iommu.Bus;

import org.smmubench.mm.Prot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smmubench.driver.tree.DriverVariants;

/** What the REPL saves, {@code run} loads back: write, then load, gives the same scenario (positions aside). */
class ScenarioWriterTest {
    private static List<Scenario> roundTrip(List<Scenario> scenarios) {
        return ScenarioLoader.parse("saved.yaml", ScenarioWriter.write(scenarios)).stream().map(Loading::withoutPositions).toList();
    }

    private static List<Scenario> stripped(List<Scenario> scenarios) {
        return scenarios.stream().map(Loading::withoutPositions).toList();
    }

    @Test
    void theInterfaceExampleSurvivesARoundTrip() {
        List<Scenario> original = Loading.resource("interface-example.yaml");
        assertEquals(stripped(original), roundTrip(original));
    }

    @Test
    void multiDocumentFilesSurviveARoundTrip() {
        List<Scenario> original = Loading.resource("multi-document.yaml");
        assertEquals(stripped(original), roundTrip(original));
    }

    @Test
    void everyStepKindAndOptionSurvivesARoundTrip() {
        SourcePos u = SourcePos.UNKNOWN;
        Scenario s = new Scenario("odd: name # with \"quotes\"", "two\nlines", List.of(DriverVariants.PRE_FIX),
                new SmmuOptions(false, false, 8, 20, 8, true, true, true),
                List.of(new DeviceSpec("nic0", Bus.PCI, List.of(0x100, 0x101), 5, true, false, null, u),
                        new DeviceSpec("dsp0", Bus.PLATFORM, List.of(0x10), null, false, true, "dsp", u),
                        new DeviceSpec("nic1", Bus.PCI, List.of(0x200), null, false, true, null,
                                org.smmubench.iommu.IommuDomainType.IDENTITY, u)),
                List.of(new ProcessSpec("p1", 0x400, 9, List.of(new Mapping(0x1000, 0x2000, Prot.RX)), u),
                        new ProcessSpec("true", null, null, List.of(), u)),
                List.of(new Step.Bind("nic0", "p1", "ENOMEM", u),
                        new Step.Unbind("nic0", "p1", "ok", u),
                        new Step.Dma("nic0", null, 7L, 0xdead0, Access.READ, "C_BAD_CD", u),
                        new Step.Dma("dsp0", null, null, 0, Access.WRITE, null, u),
                        new Step.CpuWrite("p1", 0x1008, u),
                        new Step.Dma("nic0", "p1", null, 0x1000, Access.WRITE, "ok", u),
                        new Step.Map("p1", 0x10000, 0x1000, Prot.RWX, u),
                        new Step.Unmap("p1", 0x1000, 0x1000, u),
                        new Step.Fail("xa_alloc.asid", 3, "dsp0", u),
                        new Step.Fail("kzalloc.bond", 1, null, u),
                        new Step.Exit("true", u)),
                new Expectation(Optional.of(Set.of("dma-leak", "atomic-sleep")), Map.of(DriverVariants.FIXED, Set.of())),
                u);
        assertEquals(List.of(s), roundTrip(List.of(s)));
    }

    @Test
    void noExpectationAtAllSurvivesARoundTrip() {
        Scenario s = Loading.withoutPositions(Loading.one("scenario: s\nexpect:\n  fixed: {violations: [dma-leak]}\n"));
        assertEquals(List.of(s), roundTrip(List.of(s)));
    }

    @Test
    void theOutputIsTheInterfaceLayout() {
        String yaml = ScenarioWriter.write(Loading.resource("interface-example.yaml").get(0));
        assertEquals("""
                scenario: first SVA bind at PASID 1024 allocates a CD leaf
                description: free text
                driver: [v6.8-b5bf7778b722, v6.8]
                devices:
                  - {name: nic0, bus: pci, sid: 0x100, pasid-bits: 20}
                  - {name: dsp0, bus: platform, sid: 0x10, group: dsp}
                  - {name: dsp1, bus: platform, sid: 0x11, group: dsp}
                processes:
                  - name: proc1
                    pasid: 1024
                    asid: 7
                    mappings:
                      - {va: 0x400000, size: 0x10000, prot: rw}
                steps:
                  - bind: {device: nic0, process: proc1}
                  - dma: {device: nic0, process: proc1, va: 0x400000, access: write, expect: ok}
                  - dma: {device: nic0, pasid: 9, va: 0x1000, access: read, expect: fault}
                  - map: {process: proc1, va: 0x800000, size: 0x1000, prot: r}
                  - unmap: {process: proc1, va: 0x400000, size: 0x1000}
                  - fail: {site: kzalloc.bond, nth: 2}
                  - exit: {process: proc1}
                  - unbind: {device: nic0, process: proc1}
                expect:
                  violations: []
                """, yaml);
    }

    @Test
    void writingToAFileLoadsBackFromIt(@TempDir Path dir) throws Exception {
        List<Scenario> original = Loading.resource("multi-document.yaml");
        Path file = dir.resolve("saved.yaml");
        ScenarioWriter.write(file, original);
        assertEquals(stripped(original), ScenarioLoader.load(file).stream().map(Loading::withoutPositions).toList());
        assertEquals(ScenarioWriter.write(original), Files.readString(file));
    }
}
