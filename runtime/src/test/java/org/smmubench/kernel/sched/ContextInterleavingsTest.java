package org.smmubench.kernel.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A context beside the tasks (as the SRCU callback context is): the search visits every
 * interleaving of tasks and context exactly once, within the bound. The known program: task a
 * runs a0, queues work for the context, then a1; task b runs b0 then b1. The context, ready
 * once a0 queued its work, runs d0 and waits again; the execution does not wait for it.
 */
class ContextInterleavingsTest {
    private static Function<Chooser, Scheduler.Execution> program(List<String> trace) {
        return chooser -> {
            trace.clear();
            boolean[] queued = {false};
            TaskBody a = ctx -> {
                trace.add("a0");
                queued[0] = true;
                ctx.point("queue work");
                trace.add("a1");
            };
            TaskBody b = ctx -> {
                trace.add("b0");
                ctx.point("b");
                trace.add("b1");
            };
            Scheduler.Daemon d = new Scheduler.Daemon("context", () -> queued[0], ctx -> {
                while (true) {
                    queued[0] = false;
                    trace.add("d0");
                    ctx.waitUntil("more work", () -> queued[0]);
                }
            });
            return Scheduler.run(List.of(a, b), List.of(d), chooser);
        };
    }

    /**
     * Every trace by brute force: a's and b's segments in order; d0 only after a0 and never
     * last (once a and b are done the execution ends with the context at its wait); a switch
     * away from a task that could go on costs one preemption.
     */
    private static void all(int[] left, boolean ready, boolean ran, int current, int preemptions, List<String> prefix,
                            List<String> out, List<Integer> costs) {
        if (left[0] == 0 && left[1] == 0) {
            out.add(String.join(" ", prefix));
            costs.add(preemptions);
            return;
        }
        for (int t = 0; t < 3; t++) {
            boolean enabled = t < 2 ? left[t] > 0 : ready && !ran;
            if (!enabled) continue;
            boolean currentEnabled = current >= 0 && (current < 2 ? left[current] > 0 : false);
            int cost = currentEnabled && current != t ? 1 : 0;
            if (t < 2) {
                String seg = (t == 0 ? "a" : "b") + (2 - left[t]);
                left[t]--;
                prefix.add(seg);
                all(left, ready || seg.equals("a0"), ran, t, preemptions + cost, prefix, out, costs);
                prefix.remove(prefix.size() - 1);
                left[t]++;
            } else {
                prefix.add("d0");
                all(left, ready, true, t, preemptions + cost, prefix, out, costs);
                prefix.remove(prefix.size() - 1);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 9})
    void everyInterleavingWithTheContextIsVisitedExactlyOnce(int bound) {
        List<String> trace = new ArrayList<>();
        List<String> visited = new ArrayList<>();
        Interleavings.Result r = Interleavings.exhaustive(program(trace), bound, ex -> {
            visited.add(String.join(" ", trace));
            return false;
        });
        List<String> expected = new ArrayList<>();
        List<Integer> costs = new ArrayList<>();
        all(new int[] {2, 2}, false, false, -1, 0, new ArrayList<>(), expected, costs);
        Set<String> within = new HashSet<>();
        for (int i = 0; i < expected.size(); i++) if (costs.get(i) <= bound) within.add(expected.get(i));
        assertEquals(visited.size(), new HashSet<>(visited).size(), "a schedule was visited twice: " + visited);
        assertEquals(within, new HashSet<>(visited));
        assertEquals(within.size(), r.schedules());
        assertNull(r.stoppedAt());
    }

    @Test
    void theUnboundedSpaceIsCountedByHand() {
        // a0 a1 b0 b1 interleave in C(4,2) = 6 ways; d0 goes into any gap after a0 but not the
        // last one, or nowhere. By a0's position: a0 first (3 orders) leaves 3 gaps + none = 4
        // each, a0 second (2 orders) leaves 2 + 1, a0 third (1 order) leaves 1 + 1: 12 + 6 + 2.
        List<String> trace = new ArrayList<>();
        Interleavings.Result r = Interleavings.exhaustive(program(trace), 9, ex -> false);
        assertEquals(20, r.schedules());
    }

    @Test
    void theContextIsNumberedAfterTheTasksAndAPinnedScheduleReplaysIt() {
        List<String> trace = new ArrayList<>();
        Scheduler.Execution ex = program(trace).apply(new Pinned(Schedule.parse("t1:1 t3:* t2:* t1:*")));
        assertEquals(List.of("a0", "d0", "b0", "b1", "a1"), trace);
        assertEquals("t1:1 t3:* t2:* t1:*", ex.schedule().toString());
        assertTrue(!ex.failed());
    }
}
