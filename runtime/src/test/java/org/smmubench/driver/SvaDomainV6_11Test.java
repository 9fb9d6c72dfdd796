package org.smmubench.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.smmubench.bench.Bench;
import org.smmubench.bench.BenchParts;
import org.smmubench.check.World;
import org.smmubench.hw.field.Cd;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.iommu.IommuDomainType;
import org.smmubench.mm.Mm;
import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioLoader;
import org.smmubench.scenario.Step;

/**
 * The v6.11 SVA domain, step by step: bind makes an arm_smmu_domain of type SVA with a private
 * ASID from arm_smmu_asid_xa (the CPU's ASID is neither used nor pinned) and puts (nic0, PASID)
 * on its own list; exit writes the release CD through that list; unbind takes the entry off,
 * gives the ASID back and frees the domain after the notifier's SRCU grace period.
 */
class SvaDomainV6_11Test {
    static final String FLOW = """
            scenario: bind, exit, unbind
            devices: [{name: nic0, bus: pci, sid: 0x100}]
            processes: [{name: proc1, pasid: 1, mappings: [{va: 0x400000, size: 0x1000, prot: rw}]}]
            steps:
              - bind:   {device: nic0, process: proc1}
              - exit:   {process: proc1}
              - unbind: {device: nic0, process: proc1}
            """;

    @Test
    void theSvaDomainOwnsItsAsidListAndNotifier() {
        Scenario s = ScenarioLoader.parse("v611", FLOW).get(0);
        Bench b = new Bench(BenchParts.of("v6.11"), s.smmu());
        for (DeviceSpec d : s.devices()) b.addDevice(d);
        for (ProcessSpec p : s.processes()) b.addProcess(p);
        World w = b.world();
        List<Step> steps = s.steps();
        Device nic = w.core.deviceNamed("nic0");
        ArmSmmuMaster m = ArmSmmuV3.master(nic);

        b.run(steps.get(0));
        IommuDomain dom = nic.group.pasidArray.get(1);
        assertTrue(dom instanceof ArmSmmuDomain, "an arm_smmu_domain, not a bare iommu_domain: " + dom);
        ArmSmmuDomain sva = (ArmSmmuDomain) dom;
        assertEquals(IommuDomainType.SVA, sva.type);
        Mm mm = sva.mm;
        int asid = sva.cd.asid;
        assertNotEquals(0, asid);
        assertNotEquals(mm.cpuAsid(), asid, "a private ASID, not the CPU's");
        assertEquals(0, mm.asidPins(), "arm64_mm_context_get is not called");
        assertEquals(sva.cd, w.driver.asidXa.load(asid));
        assertEquals(1, sva.masterDomains.size());
        assertEquals(m, sva.masterDomains.get(0).master);
        assertEquals(1, sva.masterDomains.get(0).ssid);
        assertTrue(mm.subscriptions().contains(sva.mmuNotifier), "the domain's notifier is registered on the mm");
        assertEquals(1, m.cdTable.usedSsids);
        assertTrue(m.bonds.isEmpty(), "no bonds in 6.11");

        b.run(steps.get(1));
        long cd0 = w.mem.read64(CdCode.peekCdPtr(m, 1));
        assertTrue(Cd.V.isSet(cd0) && Cd.EPD0.isSet(cd0), "mm_release left the valid release CD (EPD0) through the SVA domain's list");

        b.run(steps.get(2));
        assertTrue(sva.masterDomains.isEmpty());
        assertNull(w.driver.asidXa.load(asid), "arm_smmu_sva_domain_free gave the ASID back");
        assertFalse(Cd.V.isSet(w.mem.read64(CdCode.peekCdPtr(m, 1))), "arm_smmu_clear_cd");
        assertEquals(0, m.cdTable.usedSsids);
        assertNull(nic.group.pasidArray.get(1));
        assertTrue(nic.group.pasidHandles.isEmpty(), "the attach handle left pasid_array with the detach");
    }
}
