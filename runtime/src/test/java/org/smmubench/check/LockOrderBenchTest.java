package org.smmubench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smmubench.bench.RunResult;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.sva.ArmSmmuSva;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.kernel.Kernel;
import org.smmubench.mm.MmWorld;

/** lock-order (I2) through the bench: bind learns sva_lock -> arm_smmu_asid_lock; a remove path the other way round. */
class LockOrderBenchTest {
    static final String ID = "lock-order";

    /** remove_dev_pasid that takes arm_smmu_asid_lock (to protect the ASID it is about to free) before sva_lock. */
    static final class RemoveTakesAsidLockFirst extends ArmSmmuSva {
        RemoveTakesAsidLockFirst(Kernel k, ArmSmmuV3 drv, MmWorld mms) { super(k, drv, mms); }

        @Override
        public void svaRemoveDevPasid(IommuDomain domain, Device dev, int id) {
            drv.asidLock.lock();
            try {
                super.svaRemoveDevPasid(domain, dev, id);
            } finally {
                drv.asidLock.unlock();
            }
        }
    }

    @Test
    void firesWhenRemoveInvertsBindsOrder() {
        RunResult r = Flows.run(Flows.CORRECT.get("pci two-level bind at 0x400, dma, unbind"),
                Flows.parts("v6.8-fixed", p -> p.withSva(RemoveTakesAsidLockFirst::new).withInvariants(InvariantSet::none)));
        List<String> msgs = Flows.messages(r, ID);
        assertEquals(1, msgs.size(), Flows.dump(r));
        assertTrue(msgs.get(0).startsWith("possible circular locking dependency: sva_lock taken in arm_smmu_sva_remove_dev_pasid"
                + " while holding arm_smmu_asid_lock"), msgs.get(0));
        assertEquals(3, Flows.violations(r, ID).get(0).step(), "the unbind step");
        String splat = Flows.violations(r, ID).get(0).violation().splat();
        assertTrue(splat.contains("WARNING: possible circular locking dependency detected"), splat);
        assertTrue(splat.contains("arm_smmu_alloc_shared_cd"), "the bind-side chain is shown: " + splat);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("org.smmubench.check.Flows#correct")
    void silentOnCorrectFlows(String flow, String driver) {
        RunResult r = Flows.runKernelOnly(flow, driver);
        assertEquals(List.of(), Flows.messages(r, ID), Flows.dump(r));
    }
}
