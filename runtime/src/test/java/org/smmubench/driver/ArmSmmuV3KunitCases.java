package org.smmubench.driver;

import org.smmubench.hw.field.Ste;

/**
 * The case bodies of arm-smmu-v3-test.c, named as the KUnit cases. Each kernel generation's
 * test class runs exactly the cases its kernel version had, by overriding them with @Test.
 * Fixtures and expected sync counts are the kernel's; comments say what the kernel case says.
 */
abstract class ArmSmmuV3KunitCases {
    final ArmSmmuV3KunitHarness h;

    ArmSmmuV3KunitCases(EntryGeneration gen) {
        h = new ArmSmmuV3KunitHarness(gen);
    }

    /**
     * The CD-table STE the cdtable/bypass/abort/s2 cases start from: S1DSS=SSID0 with ATS in
     * 6.11+; v6.10's helper took only the DMA address and left the fake master without ATS.
     */
    long[] cdtableSteForTransitions() {
        return h.cdtableSte(Ste.S1DSS_SSID0, ArmSmmuV3KunitHarness.FAKE_CDTAB_DMA_ADDR, ArmSmmuV3KunitHarness.TEST_ATS);
    }

    long[] cdtableSte(int s1dss, long dma, int feat) {
        return h.cdtableSte(s1dss, dma, feat);
    }

    // Bypass uses qwords 0-1, abort only qword 0: one sync makes it abort, one cleans qword 1.
    void arm_smmu_v3_write_ste_test_bypass_to_abort() {
        h.steExpectHitlessTransition(h.bypassSte, h.abortSte, 2);
    }

    // One sync for bypass's qword 1, one to switch qword 0.
    void arm_smmu_v3_write_ste_test_abort_to_bypass() {
        h.steExpectHitlessTransition(h.abortSte, h.bypassSte, 2);
    }

    void arm_smmu_v3_write_ste_test_cdtable_to_abort() {
        h.steExpectHitlessTransition(cdtableSteForTransitions(), h.abortSte, 2);
    }

    void arm_smmu_v3_write_ste_test_abort_to_cdtable() {
        h.steExpectHitlessTransition(h.abortSte, cdtableSteForTransitions(), 2);
    }

    void arm_smmu_v3_write_ste_test_cdtable_to_bypass() {
        h.steExpectHitlessTransition(cdtableSteForTransitions(), h.bypassSte, 3);
    }

    void arm_smmu_v3_write_ste_test_bypass_to_cdtable() {
        h.steExpectHitlessTransition(h.bypassSte, cdtableSteForTransitions(), 3);
    }

    // Flipping S1DSS only touches qword 1: a single write each way.
    void arm_smmu_v3_write_ste_test_cdtable_s1dss_change() {
        long[] ste = cdtableSte(Ste.S1DSS_SSID0, ArmSmmuV3KunitHarness.FAKE_CDTAB_DMA_ADDR, ArmSmmuV3KunitHarness.TEST_ATS);
        long[] s1dssBypass = cdtableSte(Ste.S1DSS_BYPASS, ArmSmmuV3KunitHarness.FAKE_CDTAB_DMA_ADDR,
                ArmSmmuV3KunitHarness.TEST_ATS);
        h.steExpectHitlessTransition(ste, s1dssBypass, 1);
        h.steExpectHitlessTransition(s1dssBypass, ste, 1);
    }

    void arm_smmu_v3_write_ste_test_s1dssbypass_to_stebypass() {
        long[] s1dssBypass = cdtableSte(Ste.S1DSS_BYPASS, ArmSmmuV3KunitHarness.FAKE_CDTAB_DMA_ADDR,
                ArmSmmuV3KunitHarness.TEST_ATS);
        h.steExpectHitlessTransition(s1dssBypass, h.bypassSte, 2);
    }

    void arm_smmu_v3_write_ste_test_stebypass_to_s1dssbypass() {
        long[] s1dssBypass = cdtableSte(Ste.S1DSS_BYPASS, ArmSmmuV3KunitHarness.FAKE_CDTAB_DMA_ADDR,
                ArmSmmuV3KunitHarness.TEST_ATS);
        h.steExpectHitlessTransition(h.bypassSte, s1dssBypass, 2);
    }

    void arm_smmu_v3_write_ste_test_s2_to_abort() {
        h.steExpectHitlessTransition(h.s2Ste(ArmSmmuV3KunitHarness.TEST_ATS), h.abortSte, 2);
    }

    void arm_smmu_v3_write_ste_test_abort_to_s2() {
        h.steExpectHitlessTransition(h.abortSte, h.s2Ste(ArmSmmuV3KunitHarness.TEST_ATS), 2);
    }

    void arm_smmu_v3_write_ste_test_s2_to_bypass() {
        h.steExpectHitlessTransition(h.s2Ste(ArmSmmuV3KunitHarness.TEST_ATS), h.bypassSte, 2);
    }

    void arm_smmu_v3_write_ste_test_bypass_to_s2() {
        h.steExpectHitlessTransition(h.bypassSte, h.s2Ste(ArmSmmuV3KunitHarness.TEST_ATS), 2);
    }

    void arm_smmu_v3_write_ste_test_s1_to_s2() {
        long[] s1 = cdtableSte(Ste.S1DSS_SSID0, ArmSmmuV3KunitHarness.FAKE_CDTAB_DMA_ADDR, ArmSmmuV3KunitHarness.TEST_ATS);
        h.steExpectHitlessTransition(s1, h.s2Ste(ArmSmmuV3KunitHarness.TEST_ATS), 3);
    }

    void arm_smmu_v3_write_ste_test_s2_to_s1() {
        long[] s1 = cdtableSte(Ste.S1DSS_SSID0, ArmSmmuV3KunitHarness.FAKE_CDTAB_DMA_ADDR, ArmSmmuV3KunitHarness.TEST_ATS);
        h.steExpectHitlessTransition(h.s2Ste(ArmSmmuV3KunitHarness.TEST_ATS), s1, 3);
    }

    // No real flow does this, but changing the CD table pointer and S1DSS at once must break.
    void arm_smmu_v3_write_ste_test_non_hitless() {
        long[] ste = cdtableSte(Ste.S1DSS_SSID0, ArmSmmuV3KunitHarness.FAKE_CDTAB_DMA_ADDR, ArmSmmuV3KunitHarness.TEST_ATS);
        long[] ste2 = cdtableSte(Ste.S1DSS_BYPASS, 0x4B4B4b4B4BL, ArmSmmuV3KunitHarness.TEST_ATS);
        h.steExpectNonHitlessTransition(ste, ste2, 3);
    }

    void arm_smmu_v3_write_cd_test_s1_clear() {
        long[] cd = new long[ArmSmmuV3KunitHarness.NUM_ENTRY_QWORDS];
        long[] cd2 = h.s1Cd(1997);
        h.cdExpectNonHitlessTransition(cd, cd2, 2);
        h.cdExpectNonHitlessTransition(cd2, cd, 2);
    }

    void arm_smmu_v3_write_cd_test_s1_change_asid() {
        long[] cd = h.s1Cd(778);
        long[] cd2 = h.s1Cd(1997);
        h.cdExpectHitlessTransition(cd, cd2, 1);
        h.cdExpectHitlessTransition(cd2, cd, 1);
    }

    void arm_smmu_v3_write_ste_test_s1_to_s2_stall() {
        long[] s1 = cdtableSte(Ste.S1DSS_SSID0, ArmSmmuV3KunitHarness.FAKE_CDTAB_DMA_ADDR, ArmSmmuV3KunitHarness.TEST_STALL);
        h.steExpectHitlessTransition(s1, h.s2Ste(ArmSmmuV3KunitHarness.TEST_STALL), 3);
    }

    void arm_smmu_v3_write_ste_test_s2_to_s1_stall() {
        long[] s1 = cdtableSte(Ste.S1DSS_SSID0, ArmSmmuV3KunitHarness.FAKE_CDTAB_DMA_ADDR, ArmSmmuV3KunitHarness.TEST_STALL);
        h.steExpectHitlessTransition(h.s2Ste(ArmSmmuV3KunitHarness.TEST_STALL), s1, 3);
    }

    void arm_smmu_v3_write_cd_test_sva_clear() {
        long[] cd = new long[ArmSmmuV3KunitHarness.NUM_ENTRY_QWORDS];
        long[] cd2 = h.svaCd(1997);
        h.cdExpectNonHitlessTransition(cd, cd2, 2);
        h.cdExpectNonHitlessTransition(cd2, cd, 2);
    }

    void arm_smmu_v3_write_cd_test_sva_release() {
        long[] cd = h.svaCd(1997);
        long[] cd2 = h.svaReleaseCd(1997);
        h.cdExpectHitlessTransition(cd, cd2, 2);
        h.cdExpectHitlessTransition(cd2, cd, 2);
    }
}
