package org.smmubench.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.smmubench.bench.Bench;
import org.smmubench.bench.BenchParts;
import org.smmubench.bench.StepOutcome;
import org.smmubench.check.World;
import org.smmubench.hw.field.Cd;
import org.smmubench.iommu.Device;
import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioLoader;
import org.smmubench.scenario.Step;

/**
 * What v6.18 changes on the SVA paths, seen from a run: probing an SVA device enables no SVA
 * feature (there is none), the SVA domain maps with PAGE_SIZE, and unbind removes the PASID
 * through the blocked domain's set_dev_pasid (iommu_remove_dev_pasid ->
 * arm_smmu_blocking_set_dev_pasid), not remove_dev_pasid; v6.11 still has the feature and the op.
 */
class SvaDomainV6_18Test {
    static final String FLOW = """
            scenario: bind, unbind
            devices: [{name: nic0, bus: pci, sid: 0x100}]
            processes: [{name: proc1, pasid: 1, mappings: [{va: 0x400000, size: 0x1000, prot: rw}]}]
            steps:
              - bind:   {device: nic0, process: proc1}
              - unbind: {device: nic0, process: proc1}
            """;

    private record Run(Bench bench, ArmSmmuMaster master, List<String> bindTrace, List<String> unbindTrace, long pgsize) {}

    private static Run run(String tree) {
        Scenario s = ScenarioLoader.parse(tree, FLOW).get(0);
        Bench b = new Bench(BenchParts.of(tree), s.smmu());
        b.setTrace(true);
        for (DeviceSpec d : s.devices()) b.addDevice(d);
        for (ProcessSpec p : s.processes()) b.addProcess(p);
        World w = b.world();
        Device nic = w.core.deviceNamed("nic0");
        List<Step> steps = s.steps();
        StepOutcome bind = b.run(steps.get(0));
        long pgsize = nic.group.pasidArray.get(1).pgsizeBitmap;
        StepOutcome unbind = b.run(steps.get(1));
        return new Run(b, ArmSmmuV3.master(nic), bind.trace(), unbind.trace(), pgsize);
    }

    private static boolean calls(List<String> trace, String fn) { return trace.stream().anyMatch(l -> l.contains(fn)); }

    @Test
    void unbindGoesThroughTheBlockedDomain() {
        Run r = run("v6.18");
        assertTrue(calls(r.unbindTrace(), "iommu_remove_dev_pasid"), String.join("\n", r.unbindTrace()));
        assertTrue(calls(r.unbindTrace(), "arm_smmu_blocking_set_dev_pasid"));
        assertFalse(calls(r.unbindTrace(), "arm_smmu_remove_dev_pasid"));
        assertFalse(Cd.V.isSet(r.bench().world().mem.read64(CdCode.peekCdPtr(r.master(), 1))), "arm_smmu_clear_cd");
        assertEquals(0, r.master().cdTable.usedSsids);
        assertNull(r.master().dev.group.pasidArray.get(1));
    }

    @Test
    void noSvaFeatureAndAPageSizedSvaDomain() {
        Run r = run("v6.18");
        assertFalse(r.master().svaEnabled, "no iommu_dev_enable_feature(SVA) on v6.18");
        assertEquals(InvCode.PAGE_SIZE, r.pgsize(), "arm_smmu_sva_domain_alloc sets pgsize_bitmap = PAGE_SIZE");
    }

    @Test
    void v6_11KeepsTheFeatureTheOpAndNoPgsize() {
        Run r = run("v6.11");
        assertTrue(r.master().svaEnabled);
        assertTrue(calls(r.unbindTrace(), "arm_smmu_remove_dev_pasid"));
        assertFalse(calls(r.unbindTrace(), "arm_smmu_blocking_set_dev_pasid"));
        assertEquals(0, r.pgsize(), "12f78021973a came later");
        assertEquals(InvCode.PAGE_SIZE, run("v6.11+12f78021973a").pgsize());
    }
}
