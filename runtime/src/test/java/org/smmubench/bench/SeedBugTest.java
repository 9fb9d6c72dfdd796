package org.smmubench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.scenario.Access;
import org.smmubench.iommu.Bus;
import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.Expectation;
import org.smmubench.scenario.Mapping;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.mm.Prot;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.SmmuOptions;
import org.smmubench.scenario.SourcePos;
import org.smmubench.scenario.Step;

/** b5bf7778 end to end: the pre-fix driver splats at the first bind at PASID 0x400, the fixed one does not. */
class SeedBugTest {
    static final SourcePos P = new SourcePos("seed", 1, 1);

    static Scenario seed() {
        return new Scenario("seed", "", List.of(DriverVariants.PRE_FIX, DriverVariants.FIXED), SmmuOptions.defaults(),
                List.of(new DeviceSpec("nic0", Bus.PCI, List.of(0x100), null, false, true, null, P)),
                List.of(new ProcessSpec("proc1", 1024, null, List.of(new Mapping(0x400000, 0x10000, Prot.RW)), P)),
                List.of(new Step.Bind("nic0", "proc1", "ok", P),
                        new Step.Dma("nic0", "proc1", null, 0x400000, Access.WRITE, "ok", P),
                        new Step.Unbind("nic0", "proc1", "ok", P),
                        new Step.Dma("nic0", "proc1", null, 0x400000, Access.WRITE, "fault", P)),
                new Expectation(Optional.empty(), java.util.Map.of(DriverVariants.PRE_FIX, Set.of("atomic-sleep"))), P);
    }

    @Test
    void preFixBindAllocatesTheCdLeafUnderDevicesLock() {
        RunResult r = ScenarioRunner.run(seed(), DriverVariants.PRE_FIX, true);
        r.trace().forEach(System.out::println);
        r.violations().forEach(v -> System.out.println(v.step() + " " + v.violation().invariant() + ": " + v.violation().message() + "\n" + v.violation().splat()));
        r.stepFailures().forEach(System.out::println);
        assertEquals(Set.of("atomic-sleep"), r.violated());
        RecordedViolation v = r.violations().get(0);
        assertEquals(List.of("dmam_alloc_coherent", "arm_smmu_alloc_cd_leaf_table", "arm_smmu_get_cd_ptr",
                "arm_smmu_write_ctx_desc", "arm_smmu_mmu_notifier_get", "__arm_smmu_sva_bind",
                "arm_smmu_sva_set_dev_pasid", "__iommu_set_group_pasid", "iommu_attach_device_pasid",
                "iommu_sva_bind_device"), v.violation().backtrace());
        assertTrue(v.violation().locksHeld().contains("&smmu_domain->devices_lock"), v.violation().locksHeld().toString());
        assertEquals(1, v.step());
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void fixedBindIsClean() {
        RunResult r = ScenarioRunner.run(seed(), DriverVariants.FIXED, false);
        r.violations().forEach(v -> System.out.println(v.step() + " " + v.violation().invariant() + ": " + v.violation().message() + "\n" + v.violation().splat()));
        r.stepFailures().forEach(System.out::println);
        assertEquals(Set.of(), r.violated());
        assertTrue(r.passed(), r.toString());
    }
}
