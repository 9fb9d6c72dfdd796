package org.smmubench.driver.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KernelTreesTest {
    private static String canonical(String name) {
        return KernelTrees.resolve(name).map(KernelTree::name).orElseThrow(() -> new AssertionError(KernelTrees.parse(name).error()));
    }

    private static String error(String name) {
        KernelTrees.Parsed p = KernelTrees.parse(name);
        assertTrue(p.tree().isEmpty(), name + " parsed");
        return p.error();
    }

    @ParameterizedTest
    @CsvSource({
            "v6.8, v6.8",
            "v6.8-fixed, v6.8",
            "fixed, v6.8",
            "b5bf7778, v6.8",
            "v6.8-pre-fix, v6.8-b5bf7778b722",
            "pre-fix, v6.8-b5bf7778b722",
            "v6.8-b5bf7778, v6.8-b5bf7778b722",
            "v6.8-b5bf7778b722, v6.8-b5bf7778b722",
            "v6.8+b025dea6, v6.8+b025dea63cde",
            "v6.8-b5bf7778+b025dea63cde, v6.8-b5bf7778b722+b025dea63cde",
            "v6.8+b025dea63cde-b5bf7778b722, v6.8+b025dea63cde-b5bf7778b722"})
    void namesAndAliasesResolveToTheCanonicalTree(String name, String tree) {
        assertEquals(tree, canonical(name));
    }

    @Test
    void anUnknownCommitListsTheCommitsTheBaseKnows() {
        String e = error("v6.8-deadbeef");
        assertTrue(e.startsWith("unknown commit 'deadbeef' in driver 'v6.8-deadbeef' (v6.8 models -b5bf7778b722 ("), e);
        assertTrue(e.contains("+b025dea63cde (iommu: Undo pasid attachment only for the devices that have succeeded)"), e);
    }

    @Test
    void aMistypedHashSuggestsTheClosestCommit() {
        assertTrue(error("v6.8-b5bf7778b723").contains("; did you mean 'b5bf7778b722'?"), error("v6.8-b5bf7778b723"));
    }

    @Test
    void aCommitIsNamedByEightToTwelveLowercaseHexDigits() {
        assertTrue(error("v6.8-b5bf77").startsWith("'-b5bf77' in driver 'v6.8-b5bf77': name a commit by 8 to 12"), error("v6.8-b5bf77"));
        assertTrue(error("v6.8-B5BF7778").contains("8 to 12 lowercase hex"));
    }

    @Test
    void aCommitInTheBaseCanOnlyBeRevertedAndALaterOneOnlyApplied() {
        assertEquals("'+b5bf7778' in driver 'v6.8+b5bf7778': b5bf7778b722 is in v6.8, so it can only be reverted: '-b5bf7778b722'",
                error("v6.8+b5bf7778"));
        assertEquals("'-b025dea63cde' in driver 'v6.8-b025dea63cde': b025dea63cde came after v6.8, so it can only be applied: '+b025dea63cde'",
                error("v6.8-b025dea63cde"));
    }

    @Test
    void aCommitNamedTwiceIsAnError() {
        assertEquals("driver 'v6.8-b5bf7778-b5bf7778b722' names b5bf7778b722 twice", error("v6.8-b5bf7778-b5bf7778b722"));
    }

    @Test
    void twoCommitsChangingOneFunctionAreRefusedNamingBoth() {
        // A second declaration touching __iommu_set_group_pasid, as a later corpus commit might.
        Commit other = new Commit("0123456789ab", "iommu: a later change to the group PASID attach", "", "v6.8", false,
                List.of("drivers/iommu/iommu.c"), List.of("__iommu_set_group_pasid"), "test declaration", List.of());
        List<Commit> declared = List.of(Commits.B5BF7778B722, Commits.B025DEA63CDE, other);
        KernelTrees.Parsed p = KernelTrees.parse("v6.8+b025dea63cde+0123456789ab", declared);
        assertEquals("driver 'v6.8+b025dea63cde+0123456789ab': b025dea63cde and 0123456789ab both change"
                + " __iommu_set_group_pasid; the bench models each commit against v6.8 and cannot stack two versions"
                + " of one function", p.error());
        assertTrue(KernelTrees.parse("v6.8-b5bf7778+0123456789ab", declared).tree().isPresent());
    }

    @Test
    void namesThatDoNotStartWithABaseAreLeftToTheCallersUnknownDriverMessage() {
        KernelTrees.Parsed p = KernelTrees.parse("v6.9");
        assertTrue(p.tree().isEmpty());
        assertEquals(null, p.error());
    }

    @Test
    void allIsEveryBaseWithEachSingleCommitRevertOrApply() {
        // Reverts of the commits v6.8 has (with the later commits each needs reverted first), v6.8
        // itself, then applies of later ones (with the earlier ones each builds on): one per commit.
        List<String> names = KernelTrees.all().stream().map(KernelTree::name).toList();
        // ... and every later base as released, each with its own commits.
        int later = 0;
        for (String base : org.smmubench.driver.tree.DriverVariants.releases()) if (!base.equals("v6.8")) later += 1 + Commits.of(base).size();
        assertEquals(Commits.of("v6.8").size() + 1 + later, names.size(), names.toString());
        assertTrue(names.containsAll(List.of("v6.8-b5bf7778b722", "v6.8-6384c56c99d9-65d4418c5002", "v6.8",
                "v6.8+b025dea63cde", "v6.8+c404f55c26fc+b3f6fcd8404f", "v6.10")), names.toString());
    }

    @Test
    void aCommitBuiltOnAnotherNeedsItInPlaceOrOutOfTheWayFirst() {
        assertEquals("driver 'v6.8+b3f6fcd8404f': b3f6fcd8404f builds on c404f55c26fc, which v6.8 lacks: apply it first"
                + " ('v6.8+c404f55c26fc+b3f6fcd8404f')", error("v6.8+b3f6fcd8404f"));
        assertEquals("driver 'v6.8-65d4418c5002': 6384c56c99d9 builds on 65d4418c5002 and changes the same code: revert it"
                + " first ('v6.8-6384c56c99d9-65d4418c5002')", error("v6.8-65d4418c5002"));
        assertEquals("driver 'v6.8-65d4418c5002-6384c56c99d9': 6384c56c99d9 builds on 65d4418c5002 and changes the same code:"
                + " revert it first ('v6.8-6384c56c99d9-65d4418c5002')", error("v6.8-65d4418c5002-6384c56c99d9"));
        // Unrelated commits touching one function are still refused.
        assertTrue(error("v6.8-9991a82a3817-6384c56c99d9").contains("both change iommu_sva_bind_device"));
        assertTrue(error("v6.8+b025dea63cde+c404f55c26fc").contains("both change iommu_attach_device_pasid"));
    }

    @Test
    void composedCommitsInstallTheLaterVersionOverTheEarlier() {
        KernelTree t = KernelTrees.resolve("v6.8+c404f55c26fc+b3f6fcd8404f").orElseThrow();
        var core = new org.smmubench.iommu.IommuCore(new org.smmubench.kernel.Kernel(new org.smmubench.hw.PhysMemory()), null);
        t.install(List.of(core));
        assertEquals("+b3f6fcd8404f", core.functions().replacedBy("iommu_attach_device_pasid"));
        assertEquals("+b3f6fcd8404f", core.functions().replacedBy("__iommu_remove_group_pasid"));
        assertTrue(core.functions().get("iommu_attach_device_pasid") instanceof org.smmubench.iommu.IommuCoreAfterB3f6fcd8404f);

        KernelTree rc1 = KernelTrees.resolve("v6.8-6384c56c99d9-65d4418c5002").orElseThrow();
        var core2 = new org.smmubench.iommu.IommuCore(new org.smmubench.kernel.Kernel(new org.smmubench.hw.PhysMemory()), null);
        rc1.install(List.of(core2));
        assertEquals("-65d4418c5002", core2.functions().replacedBy("iommu_sva_bind_device"));
    }

    @Test
    void aTreeWhosePatchFindsNoHostRefusesToBuild() {
        KernelTree t = KernelTrees.resolve("v6.8+b025dea63cde").orElseThrow();
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> t.install(List.of()));
        assertTrue(e.getMessage().startsWith("b025dea63cde patches IommuCore, found 0"), e.getMessage());
    }
}
