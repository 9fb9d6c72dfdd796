package org.smmubench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.smmubench.driver.tree.DriverVariants;

/** Drivers and per-driver expectations accept ids and aliases and are stored under canonical ids. */
class DriverExpectationTest {
    @Test
    void perDriverExpectationsKeyedByAliasesAreStoredUnderCanonicalIds() {
        Scenario s = Loading.one("""
                scenario: s
                driver: [pre-fix, b5bf7778]
                expect:
                  pre-fix: {violations: [atomic-sleep, cd-placement]}
                  b5bf7778: {violations: []}
                """);
        assertEquals(List.of(DriverVariants.PRE_FIX, DriverVariants.FIXED), s.drivers());
        assertEquals(new Expectation(Optional.empty(),
                Map.of(DriverVariants.PRE_FIX, Set.of("atomic-sleep", "cd-placement"), DriverVariants.FIXED, Set.of())), s.expect());
    }

    @Test
    void violationsForAllDriversAndAnOverrideForOne() {
        Scenario s = Loading.one("""
                scenario: s
                driver: all
                expect:
                  violations: [dma-leak]
                  v6.8-fixed: {violations: []}
                """);
        assertEquals(DriverVariants.expand(List.of("all")), s.drivers());
        assertEquals(Set.of("dma-leak"), s.expect().forDriver(DriverVariants.PRE_FIX));
        assertEquals(Set.of(), s.expect().forDriver(DriverVariants.FIXED));
    }

    @Test
    void aSingleDriverNameNeedNotBeAList() {
        assertEquals(List.of(DriverVariants.PRE_FIX), Loading.one("scenario: s\ndriver: pre-fix\n").drivers());
    }

    @Test
    void repeatedDriversCollapse() {
        assertEquals(List.of(DriverVariants.FIXED), Loading.one("scenario: s\ndriver: [fixed, v6.8-fixed, b5bf7778]\n").drivers());
    }

    @Test
    void anUnknownDriverListsTheKnownOnes() {
        Loading.assertError("scenario: s\ndriver: [pre-fix, fixd]\n", "2:19",
                "unknown driver 'fixd'; did you mean 'fixed'? (known: v6.8-b5bf7778b722, v6.8-pre-fix, pre-fix, v6.8, v6.8-fixed, fixed, b5bf7778, v6.8+b025dea63cde, v6.10, all)");
    }

    @Test
    void anUnknownDriverInExpectIsReportedAtItsKey() {
        Loading.assertError("scenario: s\nexpect:\n  prefix: {violations: []}\n", "3:3", "unknown driver 'prefix'; did you mean 'pre-fix'?");
    }

    @Test
    void twoKeysNamingOneDriverInExpectAreAnError() {
        Loading.assertError("""
                scenario: s
                expect:
                  fixed: {violations: []}
                  b5bf7778: {violations: [dma-leak]}
                """, "4:3", "'b5bf7778' and 'fixed' both name driver v6.8");
    }

    @Test
    void anUnknownInvariantSuggestsTheClosestAndListsTheKnown() {
        Loading.assertError("scenario: s\nexpect: {violations: [atomic-slep]}\n", "2:23",
                "unknown invariant 'atomic-slep'; did you mean 'atomic-sleep'? (known: atomic-sleep, lock-order,");
    }

    @Test
    void treesAreDriverNamesAndExpectKeys() {
        Scenario s = Loading.one("""
                scenario: s
                driver: [v6.8, v6.8+b025dea6]
                expect:
                  v6.8: {violations: [kernel-warn]}
                  v6.8+b025dea63cde: {violations: []}
                """);
        assertEquals(List.of("v6.8", "v6.8+b025dea63cde"), s.drivers());
        assertEquals(Set.of("kernel-warn"), s.expect().forDriver("v6.8"));
        assertEquals(Set.of(), s.expect().forDriver("v6.8+b025dea63cde"));
    }

    @Test
    void anUnknownCommitIsReportedWhereItIsWrittenWithTheCommitsTheBaseKnows() {
        Loading.assertError("scenario: s\ndriver: [v6.8, v6.8-deadbeef]\n", "2:16",
                "unknown commit 'deadbeef' in driver 'v6.8-deadbeef' (v6.8 models -b5bf7778b722 (iommu/arm-smmu-v3: Do not use"
                        + " GFP_KERNEL under as spinlock), +b025dea63cde (iommu: Undo pasid attachment only for the devices"
                        + " that have succeeded))");
        Loading.assertError("scenario: s\nexpect:\n  v6.8-b5bf7778b723: {violations: []}\n", "3:3",
                "expect: unknown commit 'b5bf7778b723' in driver 'v6.8-b5bf7778b723'; did you mean 'b5bf7778b722'?");
    }
}
