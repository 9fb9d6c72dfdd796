package org.smmubench.driver;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.smmubench.hw.field.Ste;

/**
 * The hardware-decode check of the KUnit port is an oracle of its own: with a get_used that
 * forgets a field the SMMU reads, the writer believes an update is hitless, the KUnit check
 * (which asks the same get_used) is satisfied, and only the SMMU model's decode at the sync
 * sees the torn entry. This is the blind spot behind 2781f2a930ab.
 */
class EntryWriterOracleTest {

    /** A 6.11 get_used that leaves EATS out of the stage-1 used bits (the S2 set keeps it). */
    private static void usedWithoutS1Eats(long[] ent, long[] used) {
        EntryGeneration.V6_11.steUsed.get(ent, used);
        if (Ste.V.isSet(ent) && Ste.CONFIG.get(ent) == Ste.CONFIG_S1_TRANS) used[1] &= ~Ste.EATS.mask();
    }

    @Test
    void a_forgotten_used_field_passes_kunit_but_not_the_hardware_decode() {
        var h = new ArmSmmuV3KunitHarness(EntryGeneration.V6_11, EntryWriterOracleTest::usedWithoutS1Eats);
        long[] s1NoAts = h.cdtableSte(Ste.S1DSS_SSID0, ArmSmmuV3KunitHarness.FAKE_CDTAB_DMA_ADDR, 0);
        long[] s2Ats = h.s2Ste(ArmSmmuV3KunitHarness.TEST_ATS);
        // With EATS "unused" by stage 1, the writer stores EATS=TRANS while the STE is still
        // stage 1 (sync 1), then switches Config: hitless in 3 syncs, and the KUnit check holds.
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> h.steExpectHitlessTransition(s1NoAts, s2Ats, 3));
        assertTrue(e.getMessage().startsWith("sync 1: the SMMU model decodes"), e.getMessage());
        assertTrue(e.getMessage().contains("EATS=1"), e.getMessage());
        assertTrue(!e.getMessage().contains("on its used bits"), "the KUnit check should not see it: " + e.getMessage());
    }

    @Test
    void the_correct_used_bits_break_that_update() {
        // EATS changes in qword 1 and Config in qword 0: two used qwords, so V=0 first.
        var h = new ArmSmmuV3KunitHarness(EntryGeneration.V6_11);
        long[] s1NoAts = h.cdtableSte(Ste.S1DSS_SSID0, ArmSmmuV3KunitHarness.FAKE_CDTAB_DMA_ADDR, 0);
        h.steExpectNonHitlessTransition(s1NoAts, h.s2Ste(ArmSmmuV3KunitHarness.TEST_ATS), 3);
    }

    @Test
    void the_6_10_used_bits_cannot_run_the_6_11_s1dss_cases() {
        // 6.11's make_cdtable_ste sets SHCFG for S1DSS=BYPASS; 6.10's get_used does not cover it,
        // which the writer reports as a kernel WARN.
        var h = new ArmSmmuV3KunitHarness(EntryGeneration.V6_11, EntryGeneration.V6_10.steUsed::get);
        long[] s1dssBypass = h.cdtableSte(Ste.S1DSS_BYPASS, ArmSmmuV3KunitHarness.FAKE_CDTAB_DMA_ADDR,
                ArmSmmuV3KunitHarness.TEST_ATS);
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> h.steExpectHitlessTransition(h.bypassSte, s1dssBypass, 2));
        assertTrue(e.getMessage().contains("kernel warnings"), e.getMessage());
    }
}
