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
import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioLoader;

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
        // Red: invariants violated, or steps whose results (met, since the run passed) differ
        // from what the fixed tree gives.
        Corpus.Entry entry = Corpus.load(CORPUS).stream().filter(e -> e.file().getFileName().equals(file.getFileName()))
                .findFirst().orElseThrow();
        assertTrue(!rs.get(0).violated().isEmpty() || !entry.stepDifferences().isEmpty(),
                rs.get(0).driver() + " (without the fix) must be red: violations or wrong step results");
        // The fixed tree, and any later base the entry also names, are green.
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

    @Test
    void withoutThe9991FixTheHandleOfAFailedBindLeaks() {
        RunResult leak = run(CORPUS.resolve("9991a82a3817-sva-bind-handle-leak.yaml"), false).get(0);
        assertEquals("v6.8-9991a82a3817", leak.driver());
        assertEquals(1, leak.violations().size(), leak.violations().toString());
        RecordedViolation v = leak.violations().get(0);
        assertTrue(v.violation().message().contains("IommuSva in iommu_sva_bind_device"), v.violation().message());
    }

    @Test
    void onRc6TheSecondDevicesHandleIsUncountedAndItsUnbindUnderflows() {
        RunResult rc6 = run(CORPUS.resolve("6384c56c99d9-sva-handle-sharing-multi-device.yaml"), false).get(0);
        assertEquals("v6.8-6384c56c99d9", rc6.driver());
        List<String> refs = rc6.violations().stream().filter(v -> v.violation().invariant().equals("sva-handle-refs"))
                .map(v -> v.step() + ": " + v.violation().message()).toList();
        assertEquals(List.of("2: iommu_sva of nic1 for proc1: expected users 1 (binds minus unbinds), found users 0",
                "2: iommu_sva of nic1 for proc1: expected on proc1's sva_handles while it has 1 bind(s), found it off the list"), refs);
        RecordedViolation warn = rc6.violations().stream().filter(v -> v.violation().invariant().equals("kernel-warn")).findFirst().orElseThrow();
        assertEquals(4, warn.step());
        assertTrue(warn.violation().message().startsWith("refcount_t: underflow"), warn.violation().message());
    }

    @Test
    void theStepResultEntriesAreRedThroughTheirStepsOnly() {
        for (String f : List.of("65d4418c5002-restore-sva-handle-sharing.yaml", "b3f6fcd8404f-skip-pasid-validation-no-pasid.yaml")) {
            Corpus.Entry e = Corpus.load(CORPUS).stream().filter(x -> x.file().getFileName().toString().equals(f)).findFirst().orElseThrow();
            assertFalse(e.stepDifferences().isEmpty(), f);
            RunResult unfixed = run(CORPUS.resolve(f), false).get(0);
            assertTrue(unfixed.passed() && unfixed.violated().isEmpty(), unfixed.toString());
        }
        Corpus.Entry b3f6 = Corpus.load(CORPUS).stream().filter(x -> x.hash().equals("b3f6fcd8404f")).findFirst().orElseThrow();
        assertEquals("step 1 bind dspA proc1: EINVAL", b3f6.stepDifferences().get(0));
    }

    @Test
    void withoutD5afTheMunmapQueuesOneTlbiPerPage() {
        List<RunResult> rs = run(CORPUS.resolve("d5afb4b47e13-soft-lockup-large-munmap.yaml"), false);
        RecordedViolation v = rs.get(0).violations().get(0);
        assertEquals("soft-lockup", v.violation().invariant());
        assertEquals(3, v.step());
        assertTrue(v.violation().backtrace().containsAll(List.of("arm_smmu_tlb_inv_range_asid",
                "arm_smmu_mm_arch_invalidate_secondary_tlbs", "__do_munmap")), v.violation().backtrace().toString());
        assertTrue(v.violation().locksHeld().contains("&mm->page_table_lock"), v.violation().locksHeld().toString());
    }

    @Test
    void without95d4TheRangeLoopHangsAndTheBenchAbandonsIt() {
        Scenario sc = ScenarioLoader.load(CORPUS.resolve("95d4782c34a6-range-inv-size-dead-loop.yaml")).get(0);
        Bench bench = new Bench("v6.8-95d4782c34a6", sc.smmu());
        for (DeviceSpec d : sc.devices()) bench.addDevice(d);
        for (ProcessSpec p : sc.processes()) bench.addProcess(p);
        List<StepOutcome> out = sc.steps().stream().map(bench::run).toList();
        StepOutcome unmap = out.get(2);
        assertEquals("hang", unmap.result(), unmap.detail());
        assertTrue(unmap.detail().startsWith("arm_smmu_cmdq_issue_cmdlist still looping"), unmap.detail());
        assertEquals(List.of("soft-lockup", "stale-tlb"), unmap.violations().stream().map(RecordedViolation::invariant).toList());
        // The bench goes on: the next DMA and the unbind run normally.
        assertEquals("ok", out.get(3).result());
        assertEquals("ok", out.get(4).result());
    }

    @Test
    void withoutEb6cTheOnePageRangeTlbiIsIllegalAndTheTranslationStays() {
        List<RunResult> rs = run(CORPUS.resolve("eb6c97647be2-invalid-range-tlbi.yaml"), false);
        RecordedViolation cerr = rs.get(0).violations().stream()
                .filter(v -> v.invariant().equals("forbidden-event")).findFirst().orElseThrow();
        assertEquals(3, cerr.step());
        assertTrue(cerr.violation().message().contains("CERROR_ILL"), cerr.violation().message());
        assertTrue(cerr.violation().message().contains("TLBI_NH_VA"), cerr.violation().message());
        assertTrue(cerr.violation().backtrace().contains("__arm_smmu_tlb_inv_range"), cerr.violation().backtrace().toString());
    }

    @Test
    void withoutAe91TheBindOnAnIdentityRidDomainWarnsInWriteCtxDesc() {
        List<RunResult> rs = run(CORPUS.resolve("ae91f6552c30-sva-needs-s1-rid-domain.yaml"), false);
        RecordedViolation warn = rs.get(0).violations().get(0);
        assertEquals(1, rs.get(0).violations().size(), rs.get(0).violations().toString());
        assertEquals("kernel-warn", warn.invariant());
        assertEquals(List.of("arm_smmu_write_ctx_desc", "__arm_smmu_sva_bind"), warn.violation().backtrace().subList(0, 2));
        assertTrue(warn.violation().message().contains("s1cdmax (0)"), warn.violation().message());
    }

    @Test
    void without685cTheBlockedAttachLeavesTheDmaDomainCountingNic0() {
        List<RunResult> rs = run(CORPUS.resolve("685ca577b408-nr-ats-masters-decrement.yaml"), true);
        RunResult v611 = rs.get(0);
        assertEquals("v6.11", v611.driver());
        assertEquals(1, v611.violations().size(), v611.violations().toString());
        RecordedViolation v = v611.violations().get(0);
        assertEquals(1, v.step());
        assertTrue(v.violation().message().contains("nr_ats_masters is 1; expected 0"), v.violation().message());
        // Both trees leave through the release's blocked attach and commit; only the order differs.
        for (RunResult r : rs) {
            String all = String.join("\n", r.trace());
            String step1 = all.substring(all.indexOf("== step 1"), all.indexOf("== step 2"));
            assertTrue(step1.contains("-> arm_smmu_attach_dev_blocked"), step1);
            assertTrue(step1.contains("-> arm_smmu_remove_master_domain"), step1);
        }
    }

    @Test
    void onAPlainV68CoreTheAe91FixStillWarnsDuringTheRollback() {
        // The description's claim: without b025dea63cde the core undoes the failed attach on nic0
        // too, and remove_dev_pasid clears a CD the fixed bind never wrote.
        RunResult r = new YamlFileRunner().prepare(CORPUS.resolve("ae91f6552c30-sva-needs-s1-rid-domain.yaml"))
                .run(List.of("v6.8+ae91f6552c30"), false).get(0);
        assertEquals(java.util.Set.of("kernel-warn"), r.violated());
        assertTrue(r.violations().stream().allMatch(v -> v.violation().backtrace().contains("arm_smmu_sva_remove_dev_pasid")),
                r.violations().toString());
    }

    @Test
    void without6bbdTheUpgradedPageStillFaultsFromTheSmmuTlb() {
        List<RunResult> rs = run(CORPUS.resolve("6bbd42e2df8f-permission-upgrade-skips-smmu.yaml"), true);
        RecordedViolation v = rs.get(0).violations().get(0);
        assertEquals(4, v.step());
        assertTrue(v.violation().message().contains("F_PERMISSION"), v.violation().message());
        // The upgrade runs through the arm64 fault path; only the fixed flush_tlb_page tells the SMMU.
        for (RunResult r : rs) {
            String all = String.join("\n", r.trace());
            String step3 = all.substring(all.indexOf("== step 3"), all.indexOf("== step 4"));
            assertTrue(step3.contains("-> ptep_set_access_flags"), step3);
            assertEquals(r.driver().equals("v6.8"), step3.contains("-> arm_smmu_mm_arch_invalidate_secondary_tlbs"), r.driver() + "\n" + step3);
        }
    }

    private static int occurrences(String trace, String needle) {
        int n = 0;
        for (int i = trace.indexOf(needle); i >= 0; i = trace.indexOf(needle, i + 1)) n++;
        return n;
    }
}
