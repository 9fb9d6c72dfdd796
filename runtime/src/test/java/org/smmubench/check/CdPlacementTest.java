package org.smmubench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smmubench.bench.BenchParts;
import org.smmubench.bench.RunResult;
import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.sva.ArmSmmuSva;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Kernel;
import org.smmubench.mm.Mm;
import org.smmubench.mm.MmWorld;
import org.smmubench.driver.sva.ArmSmmuBond;

/** cd-placement (I4): a valid CD at PASID p exactly where a bond for p's mm is. */
class CdPlacementTest {
    static final String ID = "cd-placement";

    static final String TWO_NICS = """
            scenario: two PCI devices, one bound
            devices:
              - {name: nic0, bus: pci, sid: 0x100}
              - {name: nic1, bus: pci, sid: 0x200}
            """ + Flows.PROC1 + """
            steps:
              - bind:   {device: nic0, process: proc1}
              - unbind: {device: nic0, process: proc1}
            """;

    /** A fixed-variant bind that also installs the CD in every other master (a placement by domain list gone wrong). */
    static final class BindWritesEveryMaster extends ArmSmmuSva {
        BindWritesEveryMaster(Kernel k, ArmSmmuV3 drv, MmWorld mms) { super(k, drv, mms); }

        @Override
        protected int armSmmuSvaBind(Device dev, int pasid, Mm mm) {
            int ret = super.armSmmuSvaBind(dev, pasid, mm);
            if (ret != 0) return ret;
            ArmSmmuBond bond = findBond(ArmSmmuV3.master(dev), mm);
            for (Device other : drv.core().devices()) {
                if (other != dev) cdCode().writeCtxDesc(ArmSmmuV3.master(other), pasid, bond.smmuMn.cd);
            }
            return 0;
        }
    }

    /**
     * A fixed-variant remove_dev_pasid that drops the bond but forgets to clear the CD (the PRE
     * split without the PRE clear): for every (device, mm), or only those {@code victim} picks.
     */
    static final class RemoveSkipsClear extends ArmSmmuSva {
        private final java.util.function.BiPredicate<Device, org.smmubench.mm.Mm> victim;

        RemoveSkipsClear(Kernel k, ArmSmmuV3 drv, MmWorld mms) { this(k, drv, mms, (dev, mm) -> true); }

        RemoveSkipsClear(Kernel k, ArmSmmuV3 drv, MmWorld mms, java.util.function.BiPredicate<Device, org.smmubench.mm.Mm> victim) {
            super(k, drv, mms);
            this.victim = victim;
        }

        @Override
        public void svaRemoveDevPasid(IommuDomain domain, Device dev, int id) {
            if (!victim.test(dev, domain.mm)) {
                super.svaRemoveDevPasid(domain, dev, id);
                return;
            }
            try (Frame f = k.enter("arm_smmu_sva_remove_dev_pasid")) {
                ArmSmmuMaster master = ArmSmmuV3.master(dev);
                svaLock.lock();
                try {
                    ArmSmmuBond bond = findBond(master, domain.mm);
                    if (bond != null) {
                        master.bonds.remove(bond);
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
    void firesWhenBindInstallsTheCdInAnUnboundMaster() {
        RunResult r = Flows.run(TWO_NICS, Flows.parts("v6.8-fixed", p -> p.withSva(BindWritesEveryMaster::new)));
        List<String> msgs = Flows.messages(r, ID);
        assertTrue(msgs.contains("nic1: PASID 0x400: expected no valid CD (nic1 has no bond for proc1), found a valid CD with ASID 1"),
                Flows.dump(r));
    }

    @Test
    void firesWhenRemoveLeavesTheCdValid() {
        RunResult r = Flows.run(TWO_NICS, Flows.parts("v6.8-fixed", p -> p.withSva(RemoveSkipsClear::new)));
        assertEquals(List.of("nic0: PASID 0x400: expected no valid CD (nic0 has no bond for proc1), found a valid CD with ASID 1"),
                Flows.messages(r, ID), Flows.dump(r));
        assertEquals(2, Flows.violations(r, ID).get(0).step(), "reported after the unbind step");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("org.smmubench.check.Flows#correct")
    void silentOnCorrectFlows(String flow, String driver) {
        RunResult r = Flows.runCorrect(flow, driver, CdPlacement::new);
        assertEquals(List.of(), Flows.messages(r, ID), Flows.dump(r));
        assertEquals(List.of(), r.stepFailures());
    }

    @Test
    void registeredInTheDefaultSet() {
        assertTrue(BenchParts.of("v6.8-fixed").invariants().get().stream().anyMatch(i -> i.id().equals(ID)));
    }
}
