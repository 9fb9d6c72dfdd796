package org.smmubench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smmubench.driver.tree.Commits;

/**
 * examples/corpus: one file per upstream fix, named after its hash, each red on the tree
 * without the fix (the first driver it names) and green on the tree with it (the last).
 */
class CorpusTest {
    /** Maven runs the tests in the runtime module's directory. */
    private static final Path CORPUS = Path.of("..", "examples", "corpus");

    static Stream<Path> entries() throws IOException {
        try (Stream<Path> s = Files.list(CORPUS)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    private static List<RunResult> run(Path file, boolean trace) {
        return new YamlFileRunner().prepare(file).run(List.of(), trace);
    }

    @ParameterizedTest
    @MethodSource("entries")
    void eachFixIsRedWithoutItAndGreenWithIt(Path file) throws IOException {
        String hash = file.getFileName().toString().substring(0, 12);
        assertTrue(hash.matches("[0-9a-f]{12}"), file + " is not named <12-hex>-<slug>.yaml");
        assertTrue(Commits.all().stream().anyMatch(c -> c.hash().equals(hash)), hash + " is not a modelled commit");
        String text = Files.readString(file);
        assertTrue(text.contains("Fix: " + hash + " \""), file + ": the description gives the fix's hash and title");
        assertTrue(text.contains("Fixes: "), file + ": the description gives the Fixes: tag");
        assertTrue(text.contains("Affected: "), file + ": the description gives the affected releases");

        List<RunResult> rs = run(file, false);
        assertTrue(rs.size() >= 2, file + " names the tree without the fix and the tree with it, then any later bases");
        for (RunResult r : rs) assertTrue(r.passed(), r.driver() + " " + r);
        assertFalse(rs.get(0).violated().isEmpty(), rs.get(0).driver() + " (without the fix) must be red");
        for (RunResult r : rs.subList(1, rs.size()))
            assertEquals(List.of(), List.copyOf(r.violated()), r.driver() + " (with the fix) must be green");
    }

    @Test
    void b5bf7778RevertedSleepsUnderDevicesLock() {
        RunResult pre = run(CORPUS.resolve("b5bf7778b722-gfp-kernel-under-spinlock.yaml"), false).get(0);
        assertEquals("v6.8-b5bf7778b722", pre.driver());
        RecordedViolation v = pre.violations().get(0);
        assertEquals("atomic-sleep", v.violation().invariant());
        assertTrue(v.violation().backtrace().contains("arm_smmu_mmu_notifier_get"), v.violation().backtrace().toString());
        assertTrue(v.violation().locksHeld().contains("&smmu_domain->devices_lock"), v.violation().locksHeld().toString());
    }

    @Test
    void withoutB025TheRollbackWarnsOnTheDeviceThatNeverAttached() {
        List<RunResult> rs = run(CORPUS.resolve("b025dea63cde-undo-pasid-attach-only-succeeded.yaml"), true);
        RunResult v68 = rs.get(0);
        assertEquals("v6.8", v68.driver());
        assertEquals(1, v68.violations().size(), v68.violations().toString());
        RecordedViolation warn = v68.violations().get(0);
        assertEquals(2, warn.step());
        assertTrue(warn.violation().message().contains("no bond for proc1 on dspB"), warn.violation().message());
        assertTrue(warn.violation().backtrace().contains("__iommu_remove_group_pasid"), warn.violation().backtrace().toString());

        // With the fix the undo runs inside __iommu_set_group_pasid, for dspA only.
        RunResult fixed = rs.get(1);
        String all = String.join("\n", fixed.trace());
        int from = all.indexOf("== step 2"), to = all.indexOf("== step 3");
        assertTrue(from >= 0 && to > from, all);
        String step2 = all.substring(from, to);
        assertFalse(step2.contains("__iommu_remove_group_pasid"), "the fixed attach does not call __iommu_remove_group_pasid on failure");
        assertEquals(1, occurrences(step2, "-> arm_smmu_sva_remove_dev_pasid"), "only dspA, the device that succeeded, is undone");
        assertTrue(step2.indexOf("-> arm_smmu_sva_remove_dev_pasid") > step2.lastIndexOf("-> arm_smmu_sva_set_dev_pasid"), step2);
    }

    private static int occurrences(String trace, String needle) {
        int n = 0;
        for (int i = trace.indexOf(needle); i >= 0; i = trace.indexOf(needle, i + 1)) n++;
        return n;
    }
}
