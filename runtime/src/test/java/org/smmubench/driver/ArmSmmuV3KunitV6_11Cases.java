package org.smmubench.driver;

import org.junit.jupiter.api.Test;

/**
 * The 20 KUnit cases of v6.11 (3b5302cb: the 14 v6.10 cases, inherited, plus the S1DSS, s1/s2
 * and non_hitless cases written here), run by ArmSmmuV3KunitV6_11Test against the v6.11 entry
 * writer and inherited by the v6.18 cases. The upstream 3b5302cb file could not be read. The
 * case list, the order and the fixtures (make_cdtable_ste(master, ats=true, s1dss), S2 with
 * ats=true) were read in a vendor tree at that stage, hisilicon/kernel-dev 306535eb4ca6 (20
 * cases; its make_sva_cd carries a local fifth argument, not ported), and they match the later
 * upstream file's rows 1-18 and 21-22.
 */
abstract class ArmSmmuV3KunitV6_11Cases extends ArmSmmuV3KunitV6_10Cases {
    /** The writer under test: v6.11's (ArmSmmuV3KunitV6_11Test), or a later base's that kept these cases. */
    ArmSmmuV3KunitV6_11Cases(EntryGeneration generation) {
        super(generation);
    }

    @Test
    @Override
    void arm_smmu_v3_write_ste_test_cdtable_s1dss_change() {
        super.arm_smmu_v3_write_ste_test_cdtable_s1dss_change();
    }

    @Test
    @Override
    void arm_smmu_v3_write_ste_test_s1dssbypass_to_stebypass() {
        super.arm_smmu_v3_write_ste_test_s1dssbypass_to_stebypass();
    }

    @Test
    @Override
    void arm_smmu_v3_write_ste_test_stebypass_to_s1dssbypass() {
        super.arm_smmu_v3_write_ste_test_stebypass_to_s1dssbypass();
    }

    @Test
    @Override
    void arm_smmu_v3_write_ste_test_s1_to_s2() {
        super.arm_smmu_v3_write_ste_test_s1_to_s2();
    }

    @Test
    @Override
    void arm_smmu_v3_write_ste_test_s2_to_s1() {
        super.arm_smmu_v3_write_ste_test_s2_to_s1();
    }

    @Test
    @Override
    void arm_smmu_v3_write_ste_test_non_hitless() {
        super.arm_smmu_v3_write_ste_test_non_hitless();
    }

}
