package org.smmubench.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smmubench.bench.Bench;
import org.smmubench.bench.BenchParts;
import org.smmubench.check.World;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.iommu.IommuDomainType;
import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioLoader;

/**
 * 685ca577b408 at the driver: on v6.11 arm_smmu_attach_commit sets master->ats_enabled before it
 * removes the old domain's entry, so moving an ATS master from its DMA domain to an identity
 * domain (ATS goes off) leaves the DMA domain's nr_ats_masters at 1 with no ATS master on its
 * list; with the fix the old entry is uncounted by the value the old domain counted it with.
 * The test calls the identity domain's attach_dev directly, the way the core's
 * __iommu_attach_device would; the corpus entry for 685ca577b408 makes the same ATS on -> off
 * change through a scenario (the blocked domain of a DMA-ownership claim).
 */
class AttachCommitAtsCountTest {
    static final String NIC = """
            scenario: one ATS device
            smmu: {ats: true}
            devices: [{name: nic0, bus: pci, sid: 0x100, ats: true}]
            steps:
              - dma: {device: nic0, va: 0x1000, access: read, expect: ok}
            """;

    @ParameterizedTest(name = "{0}: DMA domain nr_ats_masters after ATS goes off = {1}")
    @CsvSource({"v6.11, 1", "v6.11+685ca577b408, 0"})
    void atsOffUncountsTheOldDomain(String driver, int left) {
        Scenario s = ScenarioLoader.parse("ats", NIC).get(0);
        Bench b = new Bench(BenchParts.of(driver), s.smmu());
        for (DeviceSpec d : s.devices()) b.addDevice(d);
        World w = b.world();
        Device nic = w.core.deviceNamed("nic0");
        ArmSmmuMaster m = ArmSmmuV3.master(nic);
        ArmSmmuDomain dma = (ArmSmmuDomain) w.core.iommuGetDomainForDev(nic);
        assertTrue(m.atsEnabled, "the DMA attach turned ATS on");
        assertEquals(1, dma.nrAtsMasters);

        IommuDomain identity = w.driver.domainAlloc(IommuDomainType.IDENTITY);
        identity.type = IommuDomainType.IDENTITY;
        identity.owner = w.driver;
        assertEquals(0, identity.ops.attachDev(identity, nic));

        assertFalse(m.atsEnabled, "a bypass STE cannot do ATS");
        assertEquals(List.of(), dma.devices, "the old entry is gone either way");
        assertEquals(left, dma.nrAtsMasters);
    }
}
