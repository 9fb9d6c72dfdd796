package org.smmubench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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

/** bond-unique (I9): one bond per (master, mm), never pointing at a freed or unlisted notifier. */
class BondUniqueTest {
    static final String ID = "bond-unique";

    /** remove_dev_pasid that puts the notifier and frees the bond but forgets list_del(&bond->list). */
    static final class RemoveKeepsBondListed extends ArmSmmuSva {
        RemoveKeepsBondListed(Kernel k, ArmSmmuV3 drv, MmWorld mms) { super(k, drv, mms); }

        @Override
        public void svaRemoveDevPasid(IommuDomain domain, Device dev, int id) {
            try (Frame f = k.enter("arm_smmu_sva_remove_dev_pasid")) {
                ArmSmmuMaster master = ArmSmmuV3.master(dev);
                svaLock.lock();
                try {
                    cdCode().writeCtxDesc(master, id, null);
                    ArmSmmuBond bond = findBond(master, domain.mm);
                    if (bond != null) {
                        mmuNotifierPut(bond.smmuMn);
                        k.kfree(bond);
                    }
                } finally {
                    svaLock.unlock();
                }
            }
        }
    }

    @Test
    void firesOnAStaleBondAndThenADuplicate() {
        String yaml = """
                scenario: unbind, rebind
                devices:
                  - {name: nic0, bus: pci, sid: 0x100}
                """ + Flows.PROC1 + """
                steps:
                  - bind:   {device: nic0, process: proc1}
                  - unbind: {device: nic0, process: proc1}
                  - bind:   {device: nic0, process: proc1}
                """;
        RunResult r = Flows.run(yaml, Flows.parts("v6.8-fixed", p -> p.withSva(RemoveKeepsBondListed::new)));
        List<RecordedViolationView> got = RecordedViolationView.of(r, ID);
        assertTrue(got.contains(new RecordedViolationView(2,
                "nic0: bond for proc1: expected a live notifier, found the freed notifier for proc1 on domain #1 (nic0)")), Flows.dump(r));
        assertTrue(got.contains(new RecordedViolationView(3, "nic0: expected at most 1 bond for proc1 (PASID 0x400), found 2")),
                Flows.dump(r));
    }

    /** (step, message), for assertions on when a violation was reported. */
    record RecordedViolationView(int step, String message) {
        static List<RecordedViolationView> of(RunResult r, String id) {
            return Flows.violations(r, id).stream().map(v -> new RecordedViolationView(v.step(), v.violation().message())).toList();
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("org.smmubench.check.Flows#correct")
    void silentOnCorrectFlows(String flow, String driver) {
        RunResult r = Flows.runCorrect(flow, driver, BondUnique::new);
        assertEquals(List.of(), Flows.messages(r, ID), Flows.dump(r));
    }
}
