package org.smmubench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioLoader;

/**
 * A platform group whose devices take PASIDs of different widths, bound at a PASID only the
 * wider one covers. iommu_alloc_mm_data checks the PASID against the binding device alone.
 * v6.8 then reaches arm_smmu_write_ctx_desc for the narrower device, whose
 * WARN_ON(ssid >= 1 << s1cdmax) refuses it (E2BIG, with the remove_dev_pasid WARN of v6.8's
 * rollback). v6.10 has no such WARN in arm_smmu_alloc_cd_ptr, but its core refuses the PASID
 * first (c404f55c26fc, v6.9-rc2): EINVAL, nothing written. The model once lacked that check
 * on v6.10 and indexed past the narrower device's L1 table.
 */
class GroupPasidWidthTest {
    private static final String YAML = """
            scenario: group pasid width
            devices:
              - {name: dspA, bus: platform, sid: 0x10, group: dsp}
              - {name: dspB, bus: platform, sid: 0x11, group: dsp, pasid-bits: 11}
            processes:
              - {name: proc1, pasid: 0x800}
            steps:
              - bind: {device: dspA, process: proc1}
            """;

    @Test
    void v610RefusesAPasidANarrowerGroupDeviceCannotTake() {
        Scenario s = ScenarioLoader.parse("g.yaml", YAML).get(0);
        RunResult r = ScenarioRunner.run(s, "v6.10", false);
        assertTrue(r.stepFailures().get(0).message().contains("expected ok, got EINVAL"), r.stepFailures().toString());
        assertTrue(r.violated().isEmpty(), r.violated().toString());
        RunResult v68 = ScenarioRunner.run(s, "v6.8", false);
        assertTrue(v68.stepFailures().get(0).message().contains("got E2BIG"), v68.stepFailures().toString());
        assertEquals(java.util.Set.of("kernel-warn"), v68.violated());
    }
}
