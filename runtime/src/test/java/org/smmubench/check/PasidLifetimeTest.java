package org.smmubench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smmubench.bench.BenchParts;
import org.smmubench.bench.RunResult;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.sva.ArmSmmuSva;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.kernel.Kernel;
import org.smmubench.mm.MmWorld;

/** pasid-lifetime: a PASID held by a CD, bond, handle or pasid_array is never free in the allocator. */
class PasidLifetimeTest {
    static final String ID = "pasid-lifetime";

    static final String EXIT_BEFORE_UNBIND = """
            scenario: proc1 exits with nic0 still bound, then nic0 unbinds
            devices:
              - {name: nic0, bus: pci, sid: 0x100}
            """ + Flows.PROC1 + """
            steps:
              - bind:   {device: nic0, process: proc1}
              - exit:   {process: proc1}
              - unbind: {device: nic0, process: proc1}
            """;

    /** set_dev_pasid that installs the CD one SSID above the PASID it was given. */
    static final class SetWritesTheNextSsid extends ArmSmmuSva {
        SetWritesTheNextSsid(Kernel k, ArmSmmuV3 drv, MmWorld mms) { super(k, drv, mms); }

        @Override
        protected int svaSetDevPasid(IommuDomain domain, Device dev, int id) { return super.svaSetDevPasid(domain, dev, id + 1); }
    }

    private static BenchParts only(String tree) {
        return BenchParts.of(tree).withInvariants(() -> List.of(new PasidLifetime()));
    }

    @Test
    void firesWhenThePasidIsDroppedWithTheAddressSpace() {
        RunResult r = Flows.run(EXIT_BEFORE_UNBIND, only("v6.8-2667ed10d9f0"));
        assertEquals(List.of("PASID 0x400: expected allocated in iommu_global_pasid_ida while held by group nic0's pasid_array,"
                + " nic0's bond for proc1, nic0's CD, the iommu_sva of nic0 for proc1; found it free"), Flows.messages(r, ID), Flows.dump(r));
        assertEquals(2, Flows.violations(r, ID).get(0).step());
    }

    @Test
    void silentWhenThePasidLivesUntilMmdrop() {
        RunResult r = Flows.run(EXIT_BEFORE_UNBIND, only("v6.8"));
        assertEquals(List.of(), Flows.messages(r, ID), Flows.dump(r));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("org.smmubench.check.Flows#correct")
    void silentOnCorrectFlows(String flow, String driver) {
        RunResult r = Flows.runCorrect(flow, driver, PasidLifetime::new);
        assertEquals(List.of(), Flows.messages(r, ID), Flows.dump(r));
    }

    @Test
    void firesWhenACdHoldsAPasidTheAllocatorNeverGaveOut() {
        BenchParts broken = Flows.parts("v6.8", p -> p.withSva(SetWritesTheNextSsid::new)).withInvariants(() -> List.of(new PasidLifetime()));
        RunResult r = Flows.run(EXIT_BEFORE_UNBIND, broken);
        assertEquals("PASID 0x401: expected allocated in iommu_global_pasid_ida while held by nic0's CD; found it free",
                Flows.messages(r, ID).get(0), Flows.dump(r));
        assertEquals(1, Flows.violations(r, ID).get(0).step());
    }
}
