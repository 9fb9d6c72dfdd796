package org.smmubench.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;


import org.junit.jupiter.api.Test;
import org.smmubench.driver.tree.DriverVariantInfo;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioLoader;

/**
 * A device whose default domain is IDENTITY, on every tree: its DMA bypasses, a bind is
 * refused or fails, and the release at teardown leaves nothing behind. On v6.10 the identity
 * attach goes through arm_smmu_attach_dev_ste, whose arm_smmu_detach_dev leaves
 * master->domain NULL; the model once pointed it at the BYPASS domain, which domain-devices
 * rightly reported (a master whose domain's list does not hold it).
 */
class IdentityDefaultDomainTest {
    private static final String YAML = """
            scenario: identity
            devices:
              - {name: nic0, bus: pci, sid: 0x100, default-domain: identity}
              - {name: nic1, bus: pci, sid: 0x200}
            processes:
              - {name: proc1, mappings: [{va: 0x400000, size: 0x1000, prot: rw}]}
            steps:
              - dma:  {device: nic0, va: 0x400000, access: read, expect: ok}
              - bind: {device: nic1, process: proc1}
              - dma:  {device: nic1, process: proc1, va: 0x400000, access: read, expect: ok}
              - exit: {process: proc1}
            """;

    @Test
    void noTreeSeesAnInconsistentDomainList() {
        Scenario s = ScenarioLoader.parse("identity.yaml", YAML).get(0);
        for (DriverVariantInfo v : DriverVariants.all()) {
            RunResult r = ScenarioRunner.run(s, v.id(), false);
            assertTrue(r.stepFailures().isEmpty(), v.id() + ": " + r.stepFailures());
            assertTrue(!r.violated().contains("domain-devices"), v.id() + ": " + r.violated());
        }
        assertTrue(ScenarioRunner.run(s, "v6.10", false).violated().isEmpty());
    }
}
