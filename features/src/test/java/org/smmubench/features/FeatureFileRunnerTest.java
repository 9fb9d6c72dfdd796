package org.smmubench.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smmubench.bench.DriverChoice;
import org.smmubench.bench.RunResult;
import org.smmubench.driver.tree.DriverVariants;

/** What `smmu-bench run x.feature` gets back: one RunResult per Gherkin scenario and driver. */
class FeatureFileRunnerTest {
    private static final String SEED = """
            Feature: seed
              Scenario Outline: bind at PASID 1024
                Given the "<driver>" driver
                And a PCI device "nic0" with stream ID 0x100
                And a process "proc1" with PASID 1024 and a mapping at 0x400000
                When "proc1" is bound to "nic0"
                Then the invariant "atomic-sleep" is <verdict>

                Examples:
                  | driver  | verdict      |
                  | pre-fix | violated     |
                  | fixed   | not violated |

              Scenario: claims a clean run on pre-fix
                Given the "pre-fix" driver
                And a PCI device "nic0" with stream ID 0x100
                And a process "proc1" with PASID 1024
                When "proc1" is bound to "nic0"
                Then no invariant is violated
            """;

    @TempDir
    Path dir;

    private List<RunResult> run(String text, List<String> override, boolean trace) throws IOException {
        Path f = dir.resolve("seed.feature");
        Files.writeString(f, text);
        try (FeatureFileRunner r = new FeatureFileRunner()) {
            return r.prepare(f).run(override, trace);
        }
    }

    @Test
    void oneResultPerScenarioOnTheDriverItsStepNames() throws IOException {
        List<RunResult> rs = run(SEED, List.of(), false);
        assertEquals(3, rs.size());
        RunResult pre = rs.get(0), fixed = rs.get(1), wrong = rs.get(2);
        assertEquals("bind at PASID 1024", pre.scenario());
        assertEquals(DriverVariants.PRE_FIX, pre.driver());
        assertEquals(DriverVariants.FIXED, fixed.driver());
        assertTrue(pre.passed() && fixed.passed());
        assertEquals(Set.of("atomic-sleep"), pre.violated());
        assertEquals(Set.of("atomic-sleep"), pre.expected());
        assertEquals(Set.of(), fixed.violated());
        assertTrue(pre.file().endsWith("seed.feature"));
        assertEquals("atomic-sleep", pre.violations().get(0).invariant());
        assertEquals(1, pre.violations().get(0).step());

        assertEquals("failed", wrong.status());
        assertEquals(Set.of("atomic-sleep"), wrong.violated());
        assertEquals(1, wrong.stepFailures().size());
        assertEquals(5, wrong.stepFailures().get(0).step());
        assertEquals("Then no invariant is violated", wrong.stepFailures().get(0).stepText());
        assertEquals("atomic-sleep", wrong.stepFailures().get(0).actual());
        assertEquals("expected no violations, got [atomic-sleep]", wrong.stepFailures().get(0).message(),
                "the whole statement, not cut at a colon");
    }

    @Test
    void theDriverOverrideRunsEveryScenarioOncePerDriver() throws IOException {
        List<RunResult> rs = run(SEED, List.of(DriverVariants.FIXED), false);
        assertEquals(3, rs.size());
        for (RunResult r : rs) assertEquals(DriverVariants.FIXED, r.driver());
        // Both Examples rows now run on fixed: the matrix needs them apart.
        assertEquals("bind at PASID 1024 #1", rs.get(0).scenario());
        assertEquals("bind at PASID 1024 #2", rs.get(1).scenario());
        assertEquals("failed", rs.get(0).status());   // its Then expects the pre-fix splat
        assertEquals("passed", rs.get(2).status());   // no splat on fixed
    }

    @Test
    void severalOverrideDriversRunEachScenarioOnAllOfThemInTurn() throws IOException {
        List<RunResult> rs = run(SEED, List.of(DriverVariants.PRE_FIX, DriverVariants.FIXED), false);
        assertEquals(6, rs.size());
        assertEquals(List.of(DriverVariants.PRE_FIX, DriverVariants.FIXED, DriverVariants.PRE_FIX, DriverVariants.FIXED,
                DriverVariants.PRE_FIX, DriverVariants.FIXED), rs.stream().map(RunResult::driver).toList());
        assertEquals("claims a clean run on pre-fix", rs.get(5).scenario());
    }

    private List<RunResult> run(String text, DriverChoice choice) throws IOException {
        Path f = dir.resolve("seed.feature");
        Files.writeString(f, text);
        try (FeatureFileRunner r = new FeatureFileRunner()) {
            var p = r.prepare(f);
            List<Integer> every = java.util.stream.IntStream.range(0, p.scenarios().size()).boxed().toList();
            List<RunResult> rs = p.run(choice, every, org.smmubench.bench.RunOptions.of(false));
            assertEquals(p.count(choice, every), rs.size(), "count() predicts the runs");
            return rs;
        }
    }

    @Test
    void driverAllKeepsThePinnedTreesAndGivesEveryTreeToTheRest() throws IOException {
        String text = SEED + """

                  Scenario: names no tree
                    Given a PCI device "nic0" with stream ID 0x100
                    And a process "proc1" with PASID 1
                    When "proc1" is bound to "nic0"
                    Then no invariant is violated
                """;
        List<RunResult> rs = run(text, DriverChoice.ALL);
        List<String> expected = new java.util.ArrayList<>(List.of("bind at PASID 1024 " + DriverVariants.PRE_FIX,
                "bind at PASID 1024 " + DriverVariants.FIXED, "claims a clean run on pre-fix " + DriverVariants.PRE_FIX));
        // The scenario that names no tree runs on every release.
        for (String tree : DriverVariants.releases()) expected.add("names no tree " + tree);
        assertEquals(expected, rs.stream().map(r -> r.scenario() + " " + r.driver()).toList());
        assertTrue(rs.get(0).passed() && rs.get(1).passed());
        assertTrue(rs.subList(3, rs.size()).stream().allMatch(RunResult::passed));
        assertEquals("failed", rs.get(2).status(), "it still claims a clean run on pre-fix");
    }

    @Test
    void theScenariosKnowTheirPinnedTreeAndTags() throws IOException {
        Path f = dir.resolve("t.feature");
        Files.writeString(f, """
                @suite
                Feature: f
                  @slow
                  Scenario: pinned
                    Given the "pre-fix" driver
                    And a PCI device "nic0" with stream ID 0x100
                  Scenario: free
                    Given a PCI device "nic0" with stream ID 0x100
                """);
        var infos = new FeatureFileRunner().prepare(f).scenarios();
        assertEquals(List.of(new org.smmubench.bench.ScenarioInfo("pinned", List.of("@suite", "@slow"), List.of(DriverVariants.PRE_FIX)),
                new org.smmubench.bench.ScenarioInfo("free", List.of("@suite"), List.of())), infos);
    }

    @Test
    void failureMessagesAreWholeInTheReport() throws IOException {
        List<RunResult> rs = run("""
                Feature: f
                  Scenario: s
                    Given the "fixed" driver
                    And a PCI device "nic0" with stream ID 0x100
                    And a process "proc1" with PASID 1024
                    When "proc1" is bound to "nic0"
                    Then the invariant "atomic-sleep" is violated
                  Scenario: t
                    Given the "fixed" driver
                    And a PCI device "nic0" with stream ID 0x100
                    And a process "proc1" with PASID 1024
                    When "proc1" is bound to "nic0"
                    Then "atomic-sleep" was raised in "arm_smmu_alloc_cd_leaf_table"
                """, List.of(), false);
        assertEquals("expected \"atomic-sleep\" to be violated; violated so far: none", rs.get(0).stepFailures().get(0).message());
        assertEquals("\"atomic-sleep\" was not raised; violated so far: none", rs.get(1).stepFailures().get(0).message());
    }

    @Test
    void onlyTheSelectedScenariosRun() throws IOException {
        Path f = dir.resolve("seed.feature");
        Files.writeString(f, SEED);
        try (FeatureFileRunner r = new FeatureFileRunner()) {
            List<RunResult> rs = r.prepare(f).run(DriverChoice.OWN, List.of(1, 2), org.smmubench.bench.RunOptions.of(false));
            assertEquals(List.of(DriverVariants.FIXED, DriverVariants.PRE_FIX), rs.stream().map(RunResult::driver).toList());
            assertEquals("claims a clean run on pre-fix", rs.get(1).scenario());
        }
    }

    @Test
    void stepsCarryTheirFeatureFileLocationAndTraceOnRequest() throws IOException {
        List<RunResult> rs = run(SEED, List.of(DriverVariants.PRE_FIX), true);
        assertTrue(!rs.get(0).trace().isEmpty(), "trace requested");
        var v = rs.get(0).violations().get(0);
        assertEquals("bind nic0 proc1", v.stepText());
    }

    @Test
    void aFailedBindLeavesOnlyTheWarnOf68() throws IOException {
        // The core's rollback calls remove_dev_pasid, which WARNs when it finds no bond.
        List<RunResult> rs = run("""
                Feature: f
                  Scenario: s
                    Given a PCI device "nic0" with stream ID 0x100
                    And a process "proc1"
                    When the next "kzalloc.bond" fails
                    And binding "proc1" to "nic0" fails with ENOMEM
                    Then only the invariant "kernel-warn" is violated
                """, List.of(), false);
        assertEquals("passed", rs.get(0).status(), rs.get(0).stepFailures().toString());
    }

    @Test
    void theHtmlReportHoldsEveryRun() throws IOException {
        Path f = dir.resolve("seed.feature");
        Files.writeString(f, SEED);
        Path html = dir.resolve("out/report.html");
        try (FeatureFileRunner r = new FeatureFileRunner()) {
            r.htmlReport(html);
            r.prepare(f).run(List.of(), false);
            r.prepare(f).run(List.of(DriverVariants.FIXED), false);
        }
        String page = Files.readString(html);
        assertTrue(page.contains("</html>"), "a finished page");
        assertTrue(page.contains("claims a clean run on pre-fix"));
        assertEquals(1, count(page, "{\"testRunStarted\":"), "one test run");
        assertEquals(1, count(page, "{\"testRunFinished\":"), "one test run");
        assertEquals(1, count(page, "{\"meta\":"));
        assertEquals(6, count(page, "{\"testCase\":"), "3 scenarios x 2 runs");
    }

    @Test
    void anHtmlReportWithNoRunIsStillAPage() throws IOException {
        Path html = dir.resolve("empty.html");
        try (FeatureFileRunner r = new FeatureFileRunner()) {
            r.htmlReport(html);
        }
        String page = Files.readString(html);
        assertTrue(page.contains("</html>"));
        assertEquals(1, count(page, "{\"testRunFinished\":"));
    }

    private static int count(String s, String what) { return s.split(java.util.regex.Pattern.quote(what), -1).length - 1; }
}
