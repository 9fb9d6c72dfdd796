package org.smmubench.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ConsoleReportTest {
    @Test
    void passLineNamesDriverFileScenarioAndViolations() {
        String driver = "v6.8-b5bf7778b722";
        int width = org.smmubench.driver.tree.DriverVariants.all().stream().mapToInt(v -> v.id().length()).max().orElse(0);
        assertEquals("PASS  " + driver + " ".repeat(width - driver.length()) + "  " + SampleResults.FILE + "  " + SampleResults.NAME + "  [atomic-sleep]\n",
                ConsoleReport.line(SampleResults.preFixPassed(3)));
    }

    @Test
    void driverColumnIsPaddedSoFilesLineUp() {
        String fixed = ConsoleReport.line(SampleResults.fixedFailed(3));
        String pre = ConsoleReport.line(SampleResults.preFixPassed(3));
        assertEquals(pre.indexOf(SampleResults.FILE), fixed.indexOf(SampleResults.FILE));
    }

    @Test
    void passedRunPrintsOnlyItsLineUnlessTracing() {
        var r = SampleResults.preFixPassed(3);
        assertEquals(ConsoleReport.line(r), ConsoleReport.run(r, false));
        String traced = ConsoleReport.run(r, true);
        assertTrue(traced.contains(SampleResults.SPLAT), traced);
        assertTrue(traced.contains("trace:\n        arm_smmu_sva_set_dev_pasid\n"), traced);
    }

    @Test
    void failedRunExplainsExpectedVersusViolatedAndTheFailingStep() {
        String out = ConsoleReport.run(SampleResults.fixedFailed(3), false);
        assertTrue(out.startsWith("FAIL  v6.8" + " ".repeat(13) + "  "), out);
        assertTrue(out.contains("      expected [], violated [cd-placement] (unexpected cd-placement)\n"), out);
        assertTrue(out.contains("      " + SampleResults.STEP_MESSAGE + "\n"), out);
        assertTrue(out.contains("      step 2 (dma nic0 proc1 write 0x400000): cd-placement: no valid CD"), out);
    }

    @Test
    void aStepFailureWithoutMessageIsDescribedFromItsFields() {
        var f = SampleResults.fixedFailed(3);
        var bare = new org.smmubench.bench.RunResult(f.scenario(), f.file(), f.driver(), "failed", f.expected(),
                f.violated(), List.of(), List.of(new org.smmubench.bench.StepFailure(2, "dma nic0 proc1 write 0x400000",
                        "ok", "fault", "")), List.of(), 1);
        assertTrue(ConsoleReport.reasons(bare).contains("      step 2 (dma nic0 proc1 write 0x400000): expected ok, got fault\n"));
    }

    @Test
    void aRepeatedViolationIsCountedAndListedUnderOneSplat() {
        String out = ConsoleReport.run(SampleResults.repeated(), false);
        assertTrue(out.contains("step 4 (bind nic0 p1): atomic-sleep: GFP_KERNEL allocation with IRQs disabled"
                + " (3 times; again at step 8 (bind nic0 p2), step 12 (bind nic0 p3))\n"), out);
        assertEquals(1, out.split("BUG: sleeping", -1).length - 1, out);
    }

    @Test
    void failedRunPrintsTheSplatVerbatim() {
        var pre = SampleResults.preFixPassed(3);
        var failed = new org.smmubench.bench.RunResult(pre.scenario(), pre.file(), pre.driver(), "failed",
                java.util.Set.of(), pre.violated(), pre.violations(), List.of(), List.of(), 1);
        String out = ConsoleReport.run(failed, false);
        assertTrue(out.contains("\n" + SampleResults.SPLAT), out);
        assertTrue(out.contains("missing") == false && out.contains("unexpected atomic-sleep"), out);
    }

    @Test
    void matrixHasOneRowPerScenarioAndMarksFailedCells() {
        String m = ConsoleReport.matrix(SampleResults.both(3));
        List<String> lines = m.lines().toList();
        assertEquals("SCENARIO" + " ".repeat(SampleResults.NAME.length() - 8) + "  v6.8-b5bf7778b722  v6.8", lines.get(0));
        assertTrue(lines.get(1).startsWith("--------"), m);
        assertEquals(SampleResults.NAME + "  atomic-sleep       *cd-placement", lines.get(2));
        assertTrue(lines.get(3).startsWith("* failed"), m);
    }

    @Test
    void everyMatrixLabelIsCutToTheSameWidthWithOrWithoutItsFile() {
        String longName = "first SVA bind at PASID 0x400 allocates a CD leaf, twice over and again";
        var a = new org.smmubench.bench.RunResult(longName, "examples/groovy/leaf-at-1024.groovy", "v6.8-fixed", "passed",
                java.util.Set.of(), java.util.Set.of(), List.of(), List.of(), List.of(), 1);
        var b = new org.smmubench.bench.RunResult(longName, "examples/seed/leaf-at-1024.yaml", "v6.8-fixed", "passed",
                java.util.Set.of(), java.util.Set.of(), List.of(), List.of(), List.of(), 1);
        var c = new org.smmubench.bench.RunResult(longName + " (alone)", "x.yaml", "v6.8-fixed", "passed",
                java.util.Set.of(), java.util.Set.of(), List.of(), List.of(), List.of(), 1);
        List<String> rows = ConsoleReport.matrix(List.of(a, b, c)).lines().skip(2).toList();
        assertEquals(3, rows.size(), rows.toString());
        for (String row : rows) {
            String label = row.substring(0, row.indexOf("  -")).strip();
            assertEquals(60, label.length(), label);
            assertTrue(label.endsWith("..."), label);
        }
        assertTrue(rows.get(0).startsWith("examples/groovy/leaf-at-1024.groovy: "), rows.get(0));
    }

    @Test
    void matrixShowsDashForACleanRunAndNoLegendWhenAllPassed() {
        var pre = SampleResults.preFixPassed(3);
        var clean = new org.smmubench.bench.RunResult("clean", "a.yaml", "v6.8", "passed",
                java.util.Set.of(), java.util.Set.of(), List.of(), List.of(), List.of(), 1);
        String m = ConsoleReport.matrix(List.of(pre, clean));
        assertTrue(m.contains("\nclean" + " ".repeat(SampleResults.NAME.length() - 5) + " ".repeat(21) + "-\n"), m);
        assertFalse(m.contains("* failed"), m);
    }

    @Test
    void summaryIsTheLastLine() {
        String footer = ConsoleReport.footer(SampleResults.both(3));
        List<String> lines = footer.lines().toList();
        assertEquals("1 passed, 1 failed", lines.get(lines.size() - 1));
        assertEquals("0 passed, 0 failed\n", ConsoleReport.footer(List.of()));
    }

    @Test
    void tableColumnsAreAlignedAndTrailingSpaceTrimmed() {
        String t = new TextTable(List.of("ID", "WHAT")).row(List.of("atomic-sleep", "x")).row(List.of("a", "")).render();
        assertEquals("ID            WHAT\n------------  ----\natomic-sleep  x\na\n", t);
    }
}
