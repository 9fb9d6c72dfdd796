package org.smmubench.driver;

/**
 * The 14 KUnit cases of v6.10 (ArmSmmuV3KunitV6_10Cases) against the v6.10 entry writer. In
 * that file arm_smmu_test_make_cdtable_ste takes only the DMA address and its fake master has
 * no ATS; the S2 helper takes ats_enabled=true.
 */
class ArmSmmuV3KunitV6_10Test extends ArmSmmuV3KunitV6_10Cases {
    ArmSmmuV3KunitV6_10Test() {
        super(EntryGeneration.V6_10);
    }

    @Override
    long[] cdtableSteForTransitions() {
        return h.cdtableSte(org.smmubench.hw.field.Ste.S1DSS_SSID0, ArmSmmuV3KunitHarness.FAKE_CDTAB_DMA_ADDR, 0);
    }
}
