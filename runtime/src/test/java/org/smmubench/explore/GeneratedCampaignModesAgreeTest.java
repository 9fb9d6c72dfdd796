package org.smmubench.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.smmubench.bench.BenchParts;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.ScenarioRunner;
import org.smmubench.bench.report.ConsoleReport;
import org.smmubench.check.Checking;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.scenario.Scenario;

/**
 * The incremental checks agree with the full walks on a generated campaign, not only on the
 * scenarios someone wrote: explore's generator (seed 20261130, with and without parallel
 * steps) on the pre-fix and fixed trees, each scenario run incremental and paranoid, must give
 * the same violations and the same console report with traces. (Every test bench also runs in
 * cross-check mode, which compares the two after every step; this compares whole runs.)
 */
class GeneratedCampaignModesAgreeTest {
    private static final long SEED = 20261130L;

    @Test
    void generatedScenariosReportTheSameIncrementalAndParanoid() {
        List<String> trees = List.of(DriverVariants.PRE_FIX, DriverVariants.FIXED);
        agree(new ScenarioGenerator(Explorer.DEFAULT_STEPS, trees, false), 120, trees);
        agree(new ScenarioGenerator(Explorer.DEFAULT_STEPS, trees, true), 12, trees);
    }

    private static void agree(ScenarioGenerator gen, int runs, List<String> trees) {
        for (int i = 0; i < runs; i++) {
            Scenario s = gen.generate(Explorer.runSeed(SEED, i), "campaign-" + i);
            for (String tree : trees) {
                RunResult paranoid = ScenarioRunner.run(s, BenchParts.of(tree).withChecking(Checking.PARANOID), true);
                RunResult incremental = ScenarioRunner.run(s, BenchParts.of(tree).withChecking(Checking.INCREMENTAL), true);
                String what = s.name() + " on " + tree;
                assertEquals(paranoid.violations(), incremental.violations(), what + ": violations");
                assertEquals(ConsoleReport.run(paranoid, true, true), ConsoleReport.run(incremental, true, true), what + ": console report");
            }
        }
    }
}
