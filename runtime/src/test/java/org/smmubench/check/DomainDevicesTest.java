package org.smmubench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smmubench.bench.RunResult;
import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.sva.ArmSmmuSva;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Kernel;
import org.smmubench.mm.MmWorld;

/** domain-devices (I12): devices lists agree with master->domain and, for DMA domains, with the group. */
class DomainDevicesTest {
    static final String ID = "domain-devices";

    /**
     * remove_dev_pasid whose list_del names the wrong list_head (&master->domain_head instead of
     * &bond->list): the master leaves its RID domain's list while master->domain stays.
     */
    static final class RemoveUnlinksMaster extends ArmSmmuSva {
        RemoveUnlinksMaster(Kernel k, ArmSmmuV3 drv, MmWorld mms) { super(k, drv, mms); }

        @Override
        public void svaRemoveDevPasid(IommuDomain domain, Device dev, int id) {
            super.svaRemoveDevPasid(domain, dev, id);
            try (Frame f = k.enter("arm_smmu_sva_remove_dev_pasid")) {
                ArmSmmuMaster master = ArmSmmuV3.master(dev);
                long flags = master.domain.devicesLock.lockIrqsave();
                master.domain.devices.remove(master);
                master.domain.devicesLock.unlockIrqrestore(flags);
            }
        }
    }

    @Test
    void firesWhenAMasterLeavesItsDomainList() {
        String yaml = """
                scenario: group of two, bind and unbind
                devices:
                  - {name: dsp0, bus: platform, sid: 0x10, group: dsp}
                  - {name: dsp1, bus: platform, sid: 0x11, group: dsp}
                """ + Flows.PROC1 + """
                steps:
                  - bind:   {device: dsp0, process: proc1}
                  - unbind: {device: dsp0, process: proc1}
                """;
        RunResult r = Flows.run(yaml, Flows.parts("v6.8-fixed", p -> p.withSva(RemoveUnlinksMaster::new)));
        assertEquals(List.of(
                "dsp0: master->domain is #1; expected dsp0 on its devices list, found domain #1 (no devices)",
                "dsp1: master->domain is #1; expected dsp1 on its devices list, found domain #1 (no devices)",
                "domain #1 (DMA default of group dsp): expected devices [dsp0, dsp1] (the group's), found []"),
                Flows.messages(r, ID), Flows.dump(r));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("org.smmubench.check.Flows#correct")
    void silentOnCorrectFlows(String flow, String driver) {
        RunResult r = Flows.runCorrect(flow, driver, DomainDevices::new);
        assertEquals(List.of(), Flows.messages(r, ID), Flows.dump(r));
    }
}
