package org.smmubench.kernel.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/** The scheduler visits every interleaving of a small known program exactly once, within the bound. */
class InterleavingsTest {
    /**
     * Tasks named a, b, c, ... each run {@code segments} segments (segments - 1 schedule
     * points); every segment appends its name to a shared trace, e.g. "a0 b0 a1 b1".
     */
    private static Supplier<List<TaskBody>> program(List<String> trace, int tasks, int segments) {
        return () -> {
            trace.clear();
            List<TaskBody> out = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                char name = (char) ('a' + t);
                out.add(ctx -> {
                    for (int s = 0; s < segments; s++) {
                        if (s > 0) ctx.point(name + "-" + s);
                        trace.add("" + name + s);
                    }
                });
            }
            return out;
        };
    }

    /** Every interleaving of the tasks' segments, by brute force, with its preemption count. */
    private static void all(int[] left, int current, int preemptions, List<String> prefix, List<String> out, List<Integer> costs, int segments) {
        boolean finished = true;
        for (int t = 0; t < left.length; t++) {
            if (left[t] == 0) continue;
            finished = false;
            int cost = current >= 0 && current != t && left[current] > 0 ? 1 : 0;
            left[t]--;
            prefix.add("" + (char) ('a' + t) + (segments - left[t] - 1));
            all(left, t, preemptions + cost, prefix, out, costs, segments);
            prefix.remove(prefix.size() - 1);
            left[t]++;
        }
        if (finished) {
            out.add(String.join(" ", prefix));
            costs.add(preemptions);
        }
    }

    private static void checkExactlyOnce(int tasks, int segments, int bound) {
        List<String> trace = new ArrayList<>();
        List<String> visited = new ArrayList<>();
        Interleavings.Result r = Interleavings.exhaustive(program(trace, tasks, segments), bound, ex -> {
            visited.add(String.join(" ", trace));
            return false;
        });
        List<String> expected = new ArrayList<>();
        List<Integer> costs = new ArrayList<>();
        int[] left = new int[tasks];
        java.util.Arrays.fill(left, segments);
        all(left, -1, 0, new ArrayList<>(), expected, costs, segments);
        Set<String> within = new HashSet<>();
        for (int i = 0; i < expected.size(); i++) if (costs.get(i) <= bound) within.add(expected.get(i));
        assertEquals(visited.size(), new HashSet<>(visited).size(), "a schedule was visited twice: " + visited);
        assertEquals(within, new HashSet<>(visited));
        assertEquals(within.size(), r.schedules());
        assertNull(r.stoppedAt());
    }

    @Test
    void twoTasksOfThreeSegmentsHaveTwentyInterleavingsAndEachIsVisitedOnce() {
        checkExactlyOnce(2, 3, 100);
        List<String> trace = new ArrayList<>();
        assertEquals(20, Interleavings.exhaustive(program(trace, 2, 3), 100, ex -> false).schedules());
    }

    @Test
    void thePreemptionBoundCutsTheSpaceAsCountedByHand() {
        checkExactlyOnce(2, 3, 0);
        checkExactlyOnce(2, 3, 1);
        checkExactlyOnce(2, 3, 2);
        checkExactlyOnce(3, 2, 2);
        List<String> trace = new ArrayList<>();
        // Without preemption each task runs to its end: one schedule per order of the tasks.
        assertEquals(2, Interleavings.exhaustive(program(trace, 2, 3), 0, ex -> false).schedules());
        assertEquals(6, Interleavings.exhaustive(program(trace, 3, 2), 0, ex -> false).schedules());
    }

    @Test
    void aFailingScheduleIsPrintedAndReplaysExactly() {
        // a: x = 1 | point | check x == 1.  b: x = 2. Fails only when b runs between a's segments.
        int[] x = new int[1];
        Supplier<List<TaskBody>> racy = () -> List.of(
                ctx -> {
                    x[0] = 1;
                    ctx.point("after store");
                    if (x[0] != 1) throw new IllegalStateException("lost update");
                },
                ctx -> x[0] = 2);
        Interleavings.Result r = Interleavings.exhaustive(racy, 2, Scheduler.Execution::failed);
        assertNotNull(r.stoppedAt());
        assertEquals("t1:1 t2:* t1:*", r.stoppedAt().schedule().toString());
        Schedule pinned = Schedule.parse("t1:1 t2:* t1:*");
        Scheduler.Execution again = Scheduler.run(racy.get(), new Pinned(pinned));
        assertTrue(again.failed());
        assertEquals(pinned, again.schedule());
    }

    @Test
    void aWaitingTaskIsNotEnabledUntilItsConditionHolds() {
        boolean[] flag = new boolean[1];
        List<String> order = new ArrayList<>();
        Supplier<List<TaskBody>> p = () -> {
            flag[0] = false;
            order.clear();
            return List.of(
                    ctx -> {
                        ctx.waitUntil("wait for flag", () -> flag[0]);
                        order.add("consumer");
                    },
                    ctx -> {
                        ctx.point("before set");
                        flag[0] = true;
                        order.add("producer");
                    });
        };
        Interleavings.Result r = Interleavings.exhaustive(p, 3, ex -> {
            assertTrue(!ex.failed(), ex.toString());
            assertEquals(List.of("producer", "consumer"), order);
            return false;
        });
        assertTrue(r.schedules() >= 1);
    }

    @Test
    void aDeadlockIsReportedNotHung() {
        Scheduler.Execution ex = Scheduler.run(List.of(ctx -> ctx.waitUntil("never", () -> false)), (c, e) -> e.get(0));
        assertTrue(ex.deadlock());
    }

    @Test
    void pctWithTheSameSeedMakesTheSameChoices() {
        List<String> trace = new ArrayList<>();
        List<String> first = new ArrayList<>();
        Interleavings.pct(program(trace, 3, 4), 7, 3, 20, ex -> { first.add(ex.schedule().toString()); return false; });
        List<String> second = new ArrayList<>();
        Interleavings.pct(program(trace, 3, 4), 7, 3, 20, ex -> { second.add(ex.schedule().toString()); return false; });
        assertEquals(first, second);
        assertTrue(new HashSet<>(first).size() > 1, "PCT should vary its schedules: " + first);
    }

    /** How the bench falls back when a space is too large: the exhaustive search stops at a count, then PCT samples. */
    @Test
    void anExhaustiveSearchCutShortHandsOverToPct() {
        List<String> trace = new ArrayList<>();
        Supplier<List<TaskBody>> p = program(trace, 3, 4);
        int[] runs = {0};
        java.util.function.Function<Chooser, Scheduler.Execution> execute = c -> {
            runs[0]++;
            return Scheduler.run(p.get(), c);
        };
        Interleavings.Result cut = Interleavings.exhaustive(execute, 2, ex -> runs[0] >= 10);
        assertEquals(10, cut.schedules());
        assertNotNull(cut.stoppedAt());
        Interleavings.Result sampled = Interleavings.pct(execute, 1, 3, 25, ex -> false);
        assertEquals(25, sampled.schedules());
        assertEquals(35, runs[0]);
    }

    @Test
    void scheduleTextIsCheckedAndRoundTrips() {
        assertEquals("t1:3 t2:* t1:*", Schedule.parse(" t1:3  t2:* t1:* ").toString());
        assertThrows(IllegalArgumentException.class, () -> Schedule.parse("t0:3"));
        assertThrows(IllegalArgumentException.class, () -> Schedule.parse("t1:0"));
        assertThrows(IllegalArgumentException.class, () -> Schedule.parse("x"));
    }
}
