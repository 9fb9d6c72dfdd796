package org.smmubench.bench.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.ScenarioRunner;
import org.smmubench.kernel.KernelEventLog.Event;
import org.smmubench.kernel.KernelEventLog.Kind;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioLoader;

/** Runs of identical calls fold in the timeline; nothing else does, and no violation is folded away. */
class TimelineFoldsTest {
    private static final Path DEAD_LOOP = Path.of("..", "examples", "corpus", "95d4782c34a6-range-inv-size-dead-loop.yaml");

    /** A loop calling {@code fn} {@code calls} times, each call issuing one command with the given address. */
    private static List<Event> loop(int calls, int violatingCall) {
        List<Event> ev = new ArrayList<>();
        ev.add(new Event(Kind.ENTER, "__arm_smmu_tlb_inv_range", "", 1, "__arm_smmu_tlb_inv_range"));
        for (int c = 0; c < calls; c++) {
            ev.add(new Event(Kind.ENTER, "arm_smmu_cmdq_issue_cmdlist", "", 2, "__arm_smmu_tlb_inv_range"));
            ev.add(new Event(Kind.COMMAND, "TLBI_NH_VA", "ADDR=0x" + Integer.toHexString(0x400000 + c * 0x1000), 2, "__arm_smmu_tlb_inv_range"));
            if (c == violatingCall) ev.add(new Event(Kind.VIOLATION, "soft-lockup", "stuck", 2, "__arm_smmu_tlb_inv_range"));
            ev.add(new Event(Kind.EXIT, "arm_smmu_cmdq_issue_cmdlist", "", 2, "__arm_smmu_tlb_inv_range"));
        }
        ev.add(new Event(Kind.EXIT, "__arm_smmu_tlb_inv_range", "", 1, "__arm_smmu_tlb_inv_range"));
        return ev;
    }

    @Test
    void aLongRunKeepsTwoCallsBeforeAndOneAfterItsFold() {
        TimelineFolds f = TimelineFolds.of(loop(100, -1));
        assertEquals(1, f.folds().size());
        TimelineFolds.Fold fold = f.folds().get(0);
        assertEquals(97, fold.calls());
        assertEquals(1 + 2 * 3, fold.from()); // after the outer ENTER and two calls of three events
        assertEquals(1 + 99 * 3 - 1, fold.to()); // up to the last call
        assertEquals(97, fold.commands());
        assertEquals("TLBI_NH_VA \u00d797", fold.opcodes());
        // The axis: the fold takes FOLD_COLUMNS columns; time after it is shifted, in order.
        assertEquals(fold.from(), f.column(fold.from()), 1e-9);
        assertEquals(fold.from() + TimelineFolds.FOLD_COLUMNS, f.column(fold.to() + 1), 1e-9);
        for (int t = 1; t < 300; t++) assertTrue(f.column(t) > f.column(t - 1), "monotone at " + t);
    }

    @Test
    void shortRunsAndDifferentShapesAreNotFolded() {
        assertTrue(TimelineFolds.of(loop(TimelineFolds.MIN_RUN - 1, -1)).folds().isEmpty());
        List<Event> ev = loop(20, -1);
        // Every other call takes a lock: no two neighbours have the same shape.
        for (int c = 19; c >= 0; c -= 2) ev.add(2 + 3 * c, new Event(Kind.LOCK, "&smmu->cmdq.lock", "spinlock", 2, "__arm_smmu_tlb_inv_range"));
        assertTrue(TimelineFolds.of(ev).folds().isEmpty());
    }

    @Test
    void aCallThatViolatedStaysVisibleAndSplitsTheRun() {
        TimelineFolds f = TimelineFolds.of(loop(100, 40));
        assertEquals(2, f.folds().size());
        int violation = -1;
        List<Event> ev = loop(100, 40);
        for (int i = 0; i < ev.size(); i++) if (ev.get(i).kind() == Kind.VIOLATION) violation = i;
        assertEquals(null, f.foldAt(violation));
        assertEquals(40 - 3, f.folds().get(0).calls());
        assertEquals(100 - 41 - 3, f.folds().get(1).calls());
    }

    @Test
    void theDeadLoopsPageIsSmallAndKeepsEveryViolationMark() {
        Scenario s = ScenarioLoader.load(DEAD_LOOP).get(0);
        RunResult r = ScenarioRunner.run(s, s.drivers().get(0), false, true);
        long violations = r.recording().events().stream().filter(e -> e.kind() == Kind.VIOLATION).count();
        assertTrue(violations > 0, "the pre-fix tree loops until the soft-lockup check fires");
        String svg = TimelineSvg.render(r.recording(), "run-0");
        assertTrue(svg.length() < 1_000_000, "one column per event made this timeline tens of MB; now " + svg.length());
        Matcher m = Pattern.compile("<g class=\"violation-mark\">").matcher(svg);
        int marks = 0;
        while (m.find()) marks++;
        assertEquals(violations, marks);
        assertTrue(svg.contains("more calls of arm_smmu_cmdq_issue_cmdlist with the same shape"), "folded");
    }
}
