package org.smmubench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smmubench.bench.BenchParts;
import org.smmubench.bench.RecordedViolation;
import org.smmubench.bench.RunResult;
import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.sva.ArmSmmuBond;
import org.smmubench.driver.sva.ArmSmmuSva;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Kernel;
import org.smmubench.mm.MmWorld;

/** dma-leak (I13) through the bench: a bond leaked at unbind, and a bond freed twice. */
class DmaLeakBenchTest {
    static final String ID = "dma-leak";
    static final String SEED = "pci two-level bind at 0x400, dma, unbind";

    /** remove_dev_pasid as in the fix, with the bond's kfree varied by the subclass. */
    abstract static class BrokenRemove extends ArmSmmuSva {
        BrokenRemove(Kernel k, ArmSmmuV3 drv, MmWorld mms) { super(k, drv, mms); }

        abstract int kfrees();

        @Override
        public void svaRemoveDevPasid(IommuDomain domain, Device dev, int id) {
            try (Frame f = k.enter("arm_smmu_sva_remove_dev_pasid")) {
                ArmSmmuMaster master = ArmSmmuV3.master(dev);
                svaLock.lock();
                try {
                    cdCode().writeCtxDesc(master, id, null);
                    ArmSmmuBond bond = findBond(master, domain.mm);
                    if (bond != null) {
                        master.bonds.remove(bond);
                        mmuNotifierPut(bond.smmuMn);
                        for (int i = 0; i < kfrees(); i++) k.kfree(bond);
                    }
                } finally {
                    svaLock.unlock();
                }
            }
        }
    }

    static final class LeaksBond extends BrokenRemove {
        LeaksBond(Kernel k, ArmSmmuV3 drv, MmWorld mms) { super(k, drv, mms); }

        @Override
        int kfrees() { return 0; }
    }

    static final class FreesBondTwice extends BrokenRemove {
        FreesBondTwice(Kernel k, ArmSmmuV3 drv, MmWorld mms) { super(k, drv, mms); }

        @Override
        int kfrees() { return 2; }
    }

    private static RunResult run(BenchParts.SvaFactory sva) {
        return Flows.run(Flows.CORRECT.get(SEED), Flows.parts("v6.8-fixed", p -> p.withSva(sva)));
    }

    @Test
    void firesAtTeardownForABondLeakedAtUnbind() {
        RunResult r = run(LeaksBond::new);
        List<RecordedViolation> vs = Flows.violations(r, ID);
        assertEquals(List.of("unreferenced object at teardown: kzalloc (kzalloc.bond) of ArmSmmuBond in __arm_smmu_sva_bind"),
                Flows.messages(r, ID), Flows.dump(r));
        assertEquals(-1, vs.get(0).step(), "reported at teardown");
        assertTrue(vs.get(0).violation().splat().contains("unreferenced object (size 1)"), vs.get(0).violation().splat());
    }

    @Test
    void firesAtTheCallForADoubleFree() {
        RunResult r = run(FreesBondTwice::new);
        List<RecordedViolation> vs = Flows.violations(r, ID);
        assertEquals(1, vs.size(), Flows.dump(r));
        assertEquals(3, vs.get(0).step(), "the unbind step");
        assertTrue(vs.get(0).violation().message().startsWith("double free: kfree of kzalloc (kzalloc.bond) of ArmSmmuBond in __arm_smmu_sva_bind,"
                + " already freed in arm_smmu_sva_remove_dev_pasid"), vs.get(0).violation().message());
        String splat = vs.get(0).violation().splat();
        assertTrue(splat.contains("BUG: KASAN: double-free in arm_smmu_sva_remove_dev_pasid"), splat);
        assertTrue(splat.contains("Allocated by task 1:") && splat.contains("Freed by task 1:"), splat);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("org.smmubench.check.Flows#correct")
    void silentOnCorrectFlows(String flow, String driver) {
        RunResult r = Flows.run(Flows.CORRECT.get(flow), BenchParts.of(driver).withInvariants(() -> List.of(new DmaLeakAtTeardown())));
        assertEquals(List.of(), Flows.messages(r, ID), Flows.dump(r));
    }
}
