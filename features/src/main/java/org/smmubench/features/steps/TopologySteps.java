package org.smmubench.features.steps;

import static org.smmubench.features.StepDoc.Section.TOPOLOGY;

import java.util.List;

import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;

import org.smmubench.features.ScenarioWorld;
import org.smmubench.features.StepDoc;
import org.smmubench.iommu.Bus;
import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.Mapping;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.ScenarioRules;
import org.smmubench.mm.Prot;

/** Devices (probed at once, with SVA enabled) and processes (mm with mappings). */
public final class TopologySteps {
    private final ScenarioWorld world;

    public TopologySteps(ScenarioWorld world) { this.world = world; }

    @Given("a PCI device {newDevice} with stream ID {number}")
    @StepDoc(section = TOPOLOGY, example = "Given a PCI device \"nic0\" with stream ID 0x100",
            value = "Probes a PCI device (its own iommu_group, PASID width = the SMMU's ssid-bits, no ATS, SVA enabled).")
    public void pci(String name, Long sid) { device(name, Bus.PCI, sid, null); }

    @Given("a platform device {newDevice} with stream ID {number}")
    @StepDoc(section = TOPOLOGY, example = "Given a platform device \"dsp0\" with stream ID 0x10",
            value = "Probes a platform device in a group of its own.")
    public void platform(String name, Long sid) { device(name, Bus.PLATFORM, sid, null); }

    @Given("a platform device {newDevice} with stream ID {number} in group {string}")
    @StepDoc(section = TOPOLOGY, example = "Given a platform device \"dsp0\" with stream ID 0x10 in group \"dsp\"",
            value = "Probes a platform device; devices naming the same group share one iommu_group.")
    public void platformInGroup(String name, Long sid, String group) { device(name, Bus.PLATFORM, sid, group); }

    @Given("the devices:")
    @StepDoc(section = TOPOLOGY, example = """
            Given the devices:
              | name | bus      | sid        | group | pasid-bits | ats   | default-domain |
              | nic0 | pci      | 0x100      |       | 20         | true  |                |
              | nic1 | pci      | 0x200      |       |            |       | identity       |
              | dsp0 | platform | 0x10, 0x11 | dsp   |            |       |                |""",
            value = "Several devices, one per row, with the YAML `devices:` keys as columns: name and sid"
                    + " (one or a comma-separated list) required; bus (pci | platform, default pci), group"
                    + " (platform only), pasid-bits, ats, sva (default true), default-domain (dma | identity,"
                    + " default dma) optional.")
    public void devices(DataTable table) {
        for (DeviceSpec d : Tables.devices(table.asMaps(), world.here())) world.addDevice(d);
    }

    @Given("a process {newProcess}")
    @StepDoc(section = TOPOLOGY, example = "Given a process \"proc1\"",
            value = "A process with no mappings; its PASID is allocated at its first bind (lowest free from 1).")
    public void process(String name) { process(name, null, List.of()); }

    @Given("a process {newProcess} with PASID {number}")
    @StepDoc(section = TOPOLOGY, example = "Given a process \"proc1\" with PASID 1024",
            value = "A process that gets this PASID at its first bind.")
    public void processWithPasid(String name, Long pasid) { process(name, pasid, List.of()); }

    @Given("a process {newProcess} with a mapping at {number}")
    @StepDoc(section = TOPOLOGY, example = "Given a process \"proc1\" with a mapping at 0x400000",
            value = "A process with one read-write 4 KiB page at that address.")
    public void processWithMapping(String name, Long va) { process(name, null, List.of(page(va))); }

    @Given("a process {newProcess} with PASID {number} and a mapping at {number}")
    @StepDoc(section = TOPOLOGY, example = "Given a process \"proc1\" with PASID 1024 and a mapping at 0x400000",
            value = "A process with that PASID and one read-write 4 KiB page at that address.")
    public void processWithPasidAndMapping(String name, Long pasid, Long va) { process(name, pasid, List.of(page(va))); }

    @Given("a process {newProcess} with the mappings:")
    @StepDoc(section = TOPOLOGY, example = """
            Given a process "proc1" with the mappings:
              | va       | size    | prot |
              | 0x400000 | 0x10000 | rw   |
              | 0x800000 | 0x1000  | r    |""",
            value = "A process with these mappings (size defaults to 4 KiB, prot to rw; prot is r, rw, rx or rwx).")
    public void processWithMappings(String name, DataTable table) { process(name, null, Tables.mappings(table.asMaps())); }

    @Given("a process {newProcess} with PASID {number} and the mappings:")
    @StepDoc(section = TOPOLOGY, example = """
            Given a process "proc1" with PASID 0x400 and the mappings:
              | va       | size    | prot |
              | 0x400000 | 0x10000 | rw   |""",
            value = "The same, with the PASID it gets at its first bind.")
    public void processWithPasidAndMappings(String name, Long pasid, DataTable table) {
        process(name, pasid, Tables.mappings(table.asMaps()));
    }

    @Given("the processes:")
    @StepDoc(section = TOPOLOGY, example = """
            Given the processes:
              | name  | pasid | asid | mappings                            |
              | proc1 | 1024  | 7    | 0x400000 0x10000 rw, 0x800000 0x1000 r |
              | proc2 |       |      | 0x400000                            |""",
            value = "Several processes, one per row: name required; pasid, asid (its CPU ASID) and mappings"
                    + " optional. A mapping is `VA` (one rw 4 KiB page) or `VA SIZE PROT`; separate several with commas.")
    public void processes(DataTable table) {
        for (ProcessSpec p : Tables.processes(table.asMaps(), world.here())) world.addProcess(p);
    }

    private void device(String name, Bus bus, long sid, String group) {
        if (sid < 0 || sid > 0xffff_ffffL) throw new IllegalArgumentException("stream ID " + sid + " does not fit in 32 bits");
        world.addDevice(new DeviceSpec(name, bus, List.of((int) sid), null, false, true, group, world.here()));
    }

    private void process(String name, Long pasid, List<Mapping> mappings) {
        // The shared rule, before the number is narrowed to the record's int.
        if (pasid != null) ScenarioRules.processPasid(pasid).ifPresent(m -> { throw new IllegalArgumentException(m); });
        world.addProcess(new ProcessSpec(name, pasid == null ? null : pasid.intValue(), null, mappings, world.here()));
    }

    private static Mapping page(long va) { return new Mapping(va, Tables.PAGE, Prot.RW); }
}
