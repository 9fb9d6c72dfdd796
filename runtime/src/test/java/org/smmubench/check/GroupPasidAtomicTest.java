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

/** group-pasid-atomic (I18): a failed group PASID attach leaves no bond and no valid CD behind. */
class GroupPasidAtomicTest {
    static final String ID = "group-pasid-atomic";

    static final String ROLLBACK = """
            scenario: dsp1's set_dev_pasid fails after dsp0's succeeded
            devices:
              - {name: dsp0, bus: platform, sid: 0x10, group: dsp}
              - {name: dsp1, bus: platform, sid: 0x11, group: dsp}
            """ + Flows.PROC1 + """
            steps:
              - fail: {site: set_dev_pasid, device: dsp1}
              - bind: {device: dsp0, process: proc1, expect: ENOMEM}
            """;

    /**
     * remove_dev_pasid guarded by "a domain nobody uses yet was never attached": during 6.8's
     * rollback of a brand-new SVA domain, users is still 0, so nothing is undone.
     */
    static final class RemoveSkipsUnusedDomain extends ArmSmmuSva {
        RemoveSkipsUnusedDomain(Kernel k, ArmSmmuV3 drv, MmWorld mms) { super(k, drv, mms); }

        @Override
        public void svaRemoveDevPasid(IommuDomain domain, Device dev, int id) {
            if (domain.users == 0) return;
            super.svaRemoveDevPasid(domain, dev, id);
        }
    }

    @Test
    void firesWhenRollbackLeavesTheFirstDeviceBound() {
        RunResult r = Flows.run(ROLLBACK, Flows.parts("v6.8-fixed", p -> p.withSva(RemoveSkipsUnusedDomain::new)));
        assertEquals(List.of(
                "dsp0: PASID 0x400: group dsp's pasid_array has no domain there; expected no bond for proc1, found one",
                "dsp0: PASID 0x400: group dsp's pasid_array has no domain there; expected no valid CD, found one with ASID 1"),
                Flows.messages(r, ID), Flows.dump(r));
        assertEquals(2, Flows.violations(r, ID).get(0).step());
    }

    @Test
    void silentOnTheRealRollbackOfBothDrivers() {
        for (String driver : Flows.DRIVERS) {
            RunResult r = Flows.run(ROLLBACK, Flows.parts(driver, p -> p));
            assertEquals(List.of(), Flows.messages(r, ID), driver + Flows.dump(r));
            assertTrue(r.stepFailures().isEmpty(), driver + Flows.dump(r));
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("org.smmubench.check.Flows#correct")
    void silentOnCorrectFlows(String flow, String driver) {
        RunResult r = Flows.runCorrect(flow, driver, GroupPasidAtomic::new);
        assertEquals(List.of(), Flows.messages(r, ID), Flows.dump(r));
    }
}
