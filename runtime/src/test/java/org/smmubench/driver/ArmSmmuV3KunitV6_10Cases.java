package org.smmubench.driver;

import org.junit.jupiter.api.Test;

/**
 * The 14 KUnit cases of arm-smmu-v3-test.c at 56e1a4cc2588 (v6.10, read): run by
 * ArmSmmuV3KunitV6_10Test against the v6.10 entry writer, and inherited by the v6.11 cases
 * (ArmSmmuV3KunitV6_11Cases), which keep all 14.
 */
abstract class ArmSmmuV3KunitV6_10Cases extends ArmSmmuV3KunitCases {
    /** The writer under test: v6.10's, or a later base's that kept these cases. */
    ArmSmmuV3KunitV6_10Cases(EntryGeneration generation) {
        super(generation);
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
