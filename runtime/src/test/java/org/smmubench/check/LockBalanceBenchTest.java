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
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Kernel;
import org.smmubench.mm.MmWorld;

/** lock-balance (I3) through the bench: a set_dev_pasid whose error path returns with sva_lock held. */
class LockBalanceBenchTest {
    static final String ID = "lock-balance";

    static final class ErrorPathKeepsSvaLock extends ArmSmmuSva {
        ErrorPathKeepsSvaLock(Kernel k, ArmSmmuV3 drv, MmWorld mms) { super(k, drv, mms); }

        @Override
        protected int svaSetDevPasid(IommuDomain domain, Device dev, int id) {
            try (Frame f = k.enter("arm_smmu_sva_set_dev_pasid")) {
                svaLock.lock();
                int ret = armSmmuSvaBind(dev, id, domain.mm);
                if (ret != 0) return ret;
                svaLock.unlock();
                return 0;
            }
        }
    }

    @Test
    void firesWhenTheErrorPathForgetsToUnlock() {
        String yaml = """
                scenario: bond allocation fails
                devices:
                  - {name: nic0, bus: pci, sid: 0x100}
                """ + Flows.PROC1 + """
                steps:
                  - fail: {site: kzalloc.bond}
                  - bind: {device: nic0, process: proc1, expect: ENOMEM}
                  - bind: {device: nic0, process: proc1}
                """;
        RunResult r = Flows.run(yaml, Flows.parts("v6.8-fixed", p -> p.withSva(ErrorPathKeepsSvaLock::new).withInvariants(InvariantSet::none)));
        List<String> msgs = Flows.messages(r, ID);
        assertEquals(List.of("sva_lock (taken in arm_smmu_sva_set_dev_pasid) still held when iommu_sva_bind_device returns"), msgs, Flows.dump(r));
        assertEquals(2, Flows.violations(r, ID).get(0).step());
        assertTrue(Flows.violations(r, ID).get(0).violation().splat().contains("WARNING: lock held when returning to user space!"));
        assertEquals(List.of(), r.stepFailures(), "the later bind works once the report dropped the leaked lock");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("org.smmubench.check.Flows#correct")
    void silentOnCorrectFlows(String flow, String driver) {
        RunResult r = Flows.runKernelOnly(flow, driver);
        assertEquals(List.of(), Flows.messages(r, ID), Flows.dump(r));
    }
}
