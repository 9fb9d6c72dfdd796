package org.smmubench.driver;

import org.junit.jupiter.api.Test;

/**
 * The KUnit cases of arm-smmu-v3-test.c for the v6.18 era, run by ArmSmmuV3KunitV6_18Test against the v6.18 entry
 * writer (the 6.18.y used bits and make functions without the 2026 get_update_safe op). The
 * v6.18 tag's test file could not be read; the 22 cases here are those of the ~6.16 mainline
 * copy read in full (Kingxukai/linux @ 0291023e7330: the 20 of v6.11, inherited, plus the two
 * stall cases of 1331fb664044, here). The three later cases (the two nested S1DSS cases, whose
 * harness masks get_update_safe bits, and the arm_smmu_invs test) came with 2026 series after
 * the tag and are not ported. The harness checks, at every sync, the KUnit used-bit rule and
 * the bench's hardware decode of the entry (old, new, or the breaking V=0 step).
 */
abstract class ArmSmmuV3KunitV6_18Cases extends ArmSmmuV3KunitV6_11Cases {
    /** The writer under test: the v6.18 base's (ArmSmmuV3KunitV6_18Test) or 6.18.y's (ArmSmmuV3KunitV6_18yTest). */
    ArmSmmuV3KunitV6_18Cases(EntryGeneration generation) {
        super(generation);
    }

    @Test
    @Override
    void arm_smmu_v3_write_ste_test_s1_to_s2_stall() {
        super.arm_smmu_v3_write_ste_test_s1_to_s2_stall();
    }

    @Test
    @Override
    void arm_smmu_v3_write_ste_test_s2_to_s1_stall() {
        super.arm_smmu_v3_write_ste_test_s2_to_s1_stall();
    }
}
