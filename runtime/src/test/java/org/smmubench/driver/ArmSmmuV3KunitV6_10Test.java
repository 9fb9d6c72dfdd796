package org.smmubench.driver;

import org.junit.jupiter.api.Test;

/**
 * The 14 KUnit cases of arm-smmu-v3-test.c at 56e1a4cc2588 (v6.10, read), against the v6.10
 * entry writer. In that file arm_smmu_test_make_cdtable_ste takes only the DMA address and its
 * fake master has no ATS; the S2 helper takes ats_enabled=true.
 */
class ArmSmmuV3KunitV6_10Test extends ArmSmmuV3KunitCases {
    ArmSmmuV3KunitV6_10Test() {
        super(EntryGeneration.V6_10);
    }

    @Override
    long[] cdtableSteForTransitions() {
        return h.cdtableSte(org.smmubench.hw.field.Ste.S1DSS_SSID0, ArmSmmuV3KunitHarness.FAKE_CDTAB_DMA_ADDR, 0);
    }

    @Test
    @Override
    void arm_smmu_v3_write_ste_test_bypass_to_abort() {
        super.arm_smmu_v3_write_ste_test_bypass_to_abort();
    }

    @Test
    @Override
    void arm_smmu_v3_write_ste_test_abort_to_bypass() {
        super.arm_smmu_v3_write_ste_test_abort_to_bypass();
    }

    @Test
    @Override
    void arm_smmu_v3_write_ste_test_cdtable_to_abort() {
        super.arm_smmu_v3_write_ste_test_cdtable_to_abort();
    }

    @Test
    @Override
    void arm_smmu_v3_write_ste_test_abort_to_cdtable() {
        super.arm_smmu_v3_write_ste_test_abort_to_cdtable();
    }

    @Test
    @Override
    void arm_smmu_v3_write_ste_test_cdtable_to_bypass() {
        super.arm_smmu_v3_write_ste_test_cdtable_to_bypass();
    }

    @Test
    @Override
    void arm_smmu_v3_write_ste_test_bypass_to_cdtable() {
        super.arm_smmu_v3_write_ste_test_bypass_to_cdtable();
    }

    @Test
    @Override
    void arm_smmu_v3_write_ste_test_s2_to_abort() {
        super.arm_smmu_v3_write_ste_test_s2_to_abort();
    }

    @Test
    @Override
    void arm_smmu_v3_write_ste_test_abort_to_s2() {
        super.arm_smmu_v3_write_ste_test_abort_to_s2();
    }

    @Test
    @Override
    void arm_smmu_v3_write_ste_test_s2_to_bypass() {
        super.arm_smmu_v3_write_ste_test_s2_to_bypass();
    }

    @Test
    @Override
    void arm_smmu_v3_write_ste_test_bypass_to_s2() {
        super.arm_smmu_v3_write_ste_test_bypass_to_s2();
    }

    @Test
    @Override
    void arm_smmu_v3_write_cd_test_s1_clear() {
        super.arm_smmu_v3_write_cd_test_s1_clear();
    }

    @Test
    @Override
    void arm_smmu_v3_write_cd_test_s1_change_asid() {
        super.arm_smmu_v3_write_cd_test_s1_change_asid();
    }

    @Test
    @Override
    void arm_smmu_v3_write_cd_test_sva_clear() {
        super.arm_smmu_v3_write_cd_test_sva_clear();
    }

    @Test
    @Override
    void arm_smmu_v3_write_cd_test_sva_release() {
        super.arm_smmu_v3_write_cd_test_sva_release();
    }
}
