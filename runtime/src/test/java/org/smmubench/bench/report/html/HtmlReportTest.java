package org.smmubench.bench.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.ScenarioRunner;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.scenario.Expectation;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioLoader;

/** The page's content without a browser: what it holds, how it escapes, that it is deterministic. */
class HtmlReportTest {
    static final String SEED = """
            scenario: first SVA bind at PASID 0x400 allocates a CD leaf
            driver: [pre-fix, fixed]
            smmu: {cd-table: two-level, ssid-bits: 20}
            devices:
              - {name: nic0, bus: pci, sid: 0x100}
            processes:
              - name: proc1
                pasid: 0x400
                mappings:
                  - {va: 0x400000, size: 0x10000, prot: rw}
            steps:
              - bind:   {device: nic0, process: proc1}
              - dma:    {device: nic0, process: proc1, va: 0x400000, access: write, expect: ok}
              - unbind: {device: nic0, process: proc1}
              - dma:    {device: nic0, process: proc1, va: 0x400000, access: write, expect: C_BAD_CD}
            expect:
              pre-fix: {violations: [atomic-sleep]}
              fixed:   {violations: []}
            """;

    private static List<RunResult> seedRuns(boolean record) {
        Scenario s = ScenarioLoader.parse("seed.yaml", SEED).get(0);
        return List.of(ScenarioRunner.run(s, DriverVariants.PRE_FIX, false, record),
                ScenarioRunner.run(s, DriverVariants.FIXED, false, record));
    }

    @Test
    void identicalRunsGiveAnIdenticalPage() {
        assertEquals(HtmlReport.render(seedRuns(true)), HtmlReport.render(seedRuns(true)));
    }

    @Test
    void thePageHoldsTheMatrixTheSplatTheTimelinesAndTheTreesSideBySide() {
        String page = HtmlReport.render(seedRuns(true));
        assertTrue(page.contains("<tr class=\"matrix-row\"><td class=\"scenario\">first SVA bind at PASID 0x400 allocates a CD leaf"));
        assertTrue(page.contains("href=\"#run-0\"") && page.contains("id=\"run-0\""));
        // The splat, escaped: lock class names carry & and >.
        assertTrue(page.contains("BUG: sleeping function called from invalid context"));
        assertTrue(page.contains("(&amp;smmu_domain-&gt;devices_lock)"));
        assertEquals(2, count(page, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\""));
        assertTrue(page.contains("<title>dmam_alloc_coherent [t "));
        assertTrue(page.contains("class=\"violation-mark\""));
        assertTrue(page.contains("<details class=\"compare\" id=\"cmp-0\""));
        // The bind is where the trees differ.
        assertTrue(page.contains("<tr class=\"side-row differs\" data-step=\"2\">"));
        // The topology data is there, and nothing in it can close its script element.
        int data = page.indexOf("<script id=\"report-data\" type=\"application/json\">");
        String json = page.substring(data, page.indexOf("</script>", data));
        assertTrue(json.contains("\"kind\":\"leaf\""), "a CD leaf in the topology");
        // Self-contained: nothing is fetched.
        assertFalse(page.contains("<script src"));
        assertFalse(page.contains("<link "));
        assertFalse(page.contains("http://") && page.replace("http://www.w3.org/2000/svg", "").contains("src=\"http"));
    }

    @Test
    void theEndOfTheRunIsTheLastStepBeforeTeardown() {
        String page = HtmlReport.render(seedRuns(true));
        assertTrue(page.contains("<option value=\"5\" selected>#4 dma nic0 proc1 write 0x400000</option>"), "end of run");
    }

    @Test
    void aRunThatWasNotRecordedIsStillReportedWithItsSplats() {
        String page = HtmlReport.render(seedRuns(false));
        assertEquals(2, count(page, "This run was not recorded"));
        assertTrue(page.contains("BUG: sleeping function called from invalid context"));
        assertFalse(page.contains("class=\"timeline\""));
    }

    @Test
    void aFailedRunSaysWhatWasExpectedAndWhatWasViolated() {
        Scenario s = ScenarioLoader.parse("seed.yaml", SEED).get(0);
        Scenario expectNothing = new Scenario(s.name(), s.description(), s.drivers(), s.smmu(), s.devices(), s.processes(),
                s.steps(), new Expectation(Optional.of(Set.of()), java.util.Map.of()), s.pos());
        RunResult r = ScenarioRunner.run(expectNothing, DriverVariants.PRE_FIX, false, true);
        assertFalse(r.passed());
        String page = HtmlReport.render(List.of(r));
        assertTrue(page.contains("<span class=\"badge failed\">failed</span>"));
        assertTrue(page.contains("expected <code>[]</code>, violated <code>[atomic-sleep]</code>: unexpected atomic-sleep"));
    }

    @Test
    void aStepThatMissedItsExpectIsMarkedInTheStepsTable() {
        String yaml = SEED.replace("access: write, expect: C_BAD_CD}", "access: write, expect: ok}");
        RunResult r = ScenarioRunner.run(ScenarioLoader.parse("seed.yaml", yaml).get(0), DriverVariants.FIXED, false, true);
        String page = HtmlReport.render(List.of(r));
        assertTrue(page.contains("1 step(s) did not meet their expect"));
        assertTrue(page.contains("<tr class=\"step step-failed\" data-step=\"5\"><td>5</td><td>#4 dma nic0 proc1 write 0x400000</td>"),
                "the DMA that got C_BAD_CD is marked");
        assertEquals(1, count(page, "step-failed\""));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }
}
