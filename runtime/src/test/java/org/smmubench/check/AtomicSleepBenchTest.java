package org.smmubench.check;

import org.smmubench.kernel.Violation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smmubench.bench.RecordedViolation;
import org.smmubench.bench.RunResult;
import org.smmubench.driver.tree.DriverVariants;

/** atomic-sleep (I1) through the bench: the pre-fix seed bug splats, the fixed driver never does. */
class AtomicSleepBenchTest {
    static final String ID = "atomic-sleep";
    static final String SEED = "pci two-level bind at 0x400, dma, unbind";

    @Test
    void preFixFirstBindAt0x400SplatsLikeTheKernel() {
        RunResult r = Flows.runKernelOnly(SEED, DriverVariants.PRE_FIX);
        List<RecordedViolation> vs = Flows.violations(r, ID);
        assertEquals(1, vs.size(), Flows.dump(r));
        assertEquals(1, vs.get(0).step());
        Violation v = vs.get(0).violation();
        assertEquals("GFP_KERNEL allocation with IRQs disabled: dmam_alloc_coherent in arm_smmu_alloc_cd_leaf_table, holding"
                + " iommu_sva_lock, &group->mutex, sva_lock, &smmu_domain->devices_lock", v.message());
        String splat = v.splat();
        assertTrue(splat.startsWith("BUG: sleeping function called from invalid context at include/linux/sched/mm.h\n"), splat);
        assertTrue(splat.contains("in_atomic(): 1, irqs_disabled(): 128, non_block: 0, pid: 1, name: smmu-bench"), splat);
        assertTrue(splat.contains("Preemption disabled at:\narm_smmu_mmu_notifier_get\n"), splat);
        assertTrue(splat.contains("4 locks held by smmu-bench/1:"), splat);
        assertTrue(splat.contains("#3: (&smmu_domain->devices_lock){....}-{2:2}, at: arm_smmu_mmu_notifier_get"), splat);
        assertTrue(splat.contains("#2: (sva_lock){+.+.}-{3:3}, at: arm_smmu_sva_set_dev_pasid"), splat);
        String trace = splat.substring(splat.indexOf("Call trace:"));
        assertTrue(trace.startsWith("Call trace:\n dmam_alloc_coherent\n arm_smmu_alloc_cd_leaf_table\n arm_smmu_get_cd_ptr\n"
                + " arm_smmu_write_ctx_desc\n arm_smmu_mmu_notifier_get\n __arm_smmu_sva_bind\n"), trace);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("org.smmubench.check.Flows#correct")
    void fixedNeverSleepsInAtomicContext(String flow, String driver) {
        RunResult r = Flows.runKernelOnly(flow, driver);
        // The pre-fix driver splats on every first bind at a PASID without a CD leaf (two-level, 0x400).
        boolean expected = driver.equals(DriverVariants.PRE_FIX) && !flow.equals("linear CD tables");
        assertEquals(expected, !Flows.messages(r, ID).isEmpty(), Flows.dump(r));
    }
}
