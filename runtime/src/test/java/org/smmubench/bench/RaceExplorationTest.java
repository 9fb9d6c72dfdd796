package org.smmubench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smmubench.kernel.sched.Interleavings;
import org.smmubench.kernel.sched.Scheduler;
import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.Expectation;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioLoader;
import org.smmubench.scenario.Step;

/**
 * The corpus races, explored instead of pinned: with the {@code schedule:} key dropped, run
 * searches the interleavings and finds the racing one on the tree without the fix only. And
 * the SRCU callback context: it runs inside a parallel section, at the schedule points after
 * call_srcu, in some of the interleavings of an unbind racing an exit.
 */
class RaceExplorationTest {
    private static final Path CORPUS = Path.of("..", "examples", "corpus");

    /**
     * The entry without its schedule, and without the expectations that hold only under it
     * (a DMA racing the munmap may fault or not): any violation is then unexpected, so the
     * first interleaving that raises one is reported as a schedule.
     */
    private static Scenario unpinned(Path file) throws IOException {
        Scenario s = ScenarioLoader.parse(file.toString(), Files.readString(file)).get(0);
        List<Step> steps = new ArrayList<>();
        for (Step st : s.steps()) {
            if (st instanceof Step.Parallel p) {
                List<List<Step>> branches = p.branches().stream().map(b -> b.stream().map(RaceExplorationTest::unchecked).toList()).toList();
                steps.add(new Step.Parallel(branches, null, p.pos()));
            } else {
                steps.add(unchecked(st));
            }
        }
        return new Scenario(s.name(), s.description(), s.drivers(), s.smmu(), s.devices(), s.processes(), steps,
                Expectation.none(), s.pos());
    }

    private static Step unchecked(Step st) {
        return st instanceof Step.Dma d ? new Step.Dma(d.device(), d.process(), d.pasid(), d.va(), d.access(), null, d.pos()) : st;
    }

    private static void explores(String file, String unfixed, String fixed, String invariant) throws IOException {
        Scenario s = unpinned(CORPUS.resolve(file));
        RunResult red = ScenarioRunner.run(s, unfixed, false);
        assertTrue(red.violated().contains(invariant), unfixed + ": " + red);
        assertNotNull(red.schedule(), "the racing interleaving is printed as a schedule");
        RunResult green = ScenarioRunner.run(s, fixed, false);
        assertTrue(green.violated().isEmpty(), fixed + ": " + green);
        assertNull(green.schedule());
        assertTrue(green.schedules() > 1, fixed + " ran " + green.schedules() + " interleavings");
        assertEquals(green.schedules(), ScenarioRunner.run(s, fixed, false).schedules(), "the count is deterministic");
    }

    @Test
    void theAtcOrderRaceIsFoundByExploringOnlyWithoutTheFix() throws IOException {
        explores("353e3cf8590c-atc-invalidated-before-tlb.yaml", "v6.8-353e3cf8590c", "v6.8", "stale-tlb");
    }

    @Test
    void theAttachShareAsidRaceIsFoundByExploringOnlyWithoutTheFix() throws IOException {
        explores("9f7c68911579-asid-lock-during-attach.yaml", "v6.8", "v6.8+9f7c68911579", "asid-unique");
    }

    @Test
    void theSrcuCallbackContextRunsInsideTheSectionInSomeInterleavings() throws IOException {
        Path file = Path.of("..", "examples", "parallel", "unbind-while-exiting.yaml");
        Scenario s = ScenarioLoader.parse(file.toString(), Files.readString(file)).get(0);
        int contextIndex = ((Step.Parallel) s.steps().get(1)).branches().size();
        List<Scheduler.Execution> runs = new ArrayList<>();
        List<Integer> violations = new ArrayList<>();
        Interleavings.exhaustive(chooser -> {
            Bench b = new Bench(BenchParts.of("v6.8"), s.smmu());
            b.setChooser(chooser);
            for (DeviceSpec d : s.devices()) b.addDevice(d);
            for (ProcessSpec p : s.processes()) b.addProcess(p);
            for (Step st : s.steps()) b.run(st);
            violations.add(b.finish().size());
            runs.add(b.lastParallel());
            return b.lastParallel();
        }, ScenarioRunner.PREEMPTION_BOUND, ex -> false);
        long withContext = runs.stream().filter(ex -> ex.segmentOwners().contains(contextIndex)).count();
        assertTrue(withContext > 0, "no interleaving ran the SRCU callback inside the section: " + runs.size() + " runs");
        assertTrue(withContext < runs.size(), "the callback need not run inside the section");
        assertTrue(runs.stream().filter(ex -> ex.segmentOwners().contains(contextIndex))
                .allMatch(ex -> ex.labels().stream().anyMatch(l -> l.startsWith("call_srcu"))), "it runs only after call_srcu");
        assertFalse(violations.stream().anyMatch(n -> n > 0), "v6.8 stays green in every interleaving: " + violations);
    }
}
