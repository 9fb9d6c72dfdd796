package org.smmubench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.smmubench.bench.RecordedViolation;
import org.smmubench.bench.RunResult;

/**
 * kernel-warn through the bench, on the real 6.8 code: the group rollback calls
 * remove_dev_pasid for every group device, including the one whose set_dev_pasid failed and
 * that never got a bond, and the driver WARNs (b025dea6, 6.10, reverts only the devices that
 * succeeded).
 */
class KernelWarnBenchTest {
    static final String ID = "kernel-warn";

    @ParameterizedTest
    @ValueSource(strings = {"v6.8-pre-fix", "v6.8-fixed"})
    void groupRollbackWarnsForTheDeviceWithoutABond(String driver) {
        RunResult r = Flows.run(GroupPasidAtomicTest.ROLLBACK, Flows.parts(driver, p -> p.withInvariants(InvariantSet::none)));
        List<RecordedViolation> vs = Flows.violations(r, ID);
        assertEquals(List.of("arm_smmu_sva_remove_dev_pasid: no bond for proc1 on dsp1 in arm_smmu_sva_remove_dev_pasid"),
                Flows.messages(r, ID), Flows.dump(r));
        assertEquals(2, vs.get(0).step());
        assertEquals(List.of("arm_smmu_sva_remove_dev_pasid", "arm_smmu_remove_dev_pasid", "__iommu_remove_group_pasid",
                "iommu_attach_device_pasid"), vs.get(0).violation().backtrace().subList(0, 4));
        String splat = vs.get(0).violation().splat();
        assertTrue(splat.contains("------------[ cut here ]------------"), splat);
        assertTrue(splat.contains("WARNING: CPU: 0 PID: 1 at drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3-sva.c arm_smmu_sva_remove_dev_pasid\n"), splat);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("org.smmubench.check.Flows#correct")
    void silentUnlessAGroupAttachRollsBack(String flow, String driver) {
        RunResult r = Flows.runKernelOnly(flow, driver);
        boolean rollsBack = flow.startsWith("group rollback") || flow.startsWith("injected failures");
        // v6.10 has b025dea63cde's undo: the device that failed is not removed, so no WARN.
        boolean warns = rollsBack && !driver.equals("v6.10");
        assertEquals(warns, !Flows.messages(r, ID).isEmpty(), Flows.dump(r));
        for (String m : Flows.messages(r, ID)) assertTrue(m.startsWith("arm_smmu_sva_remove_dev_pasid: no bond for proc1"), m);
    }
}
