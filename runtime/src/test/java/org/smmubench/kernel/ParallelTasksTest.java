package org.smmubench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.smmubench.kernel.sched.Interleavings;
import org.smmubench.kernel.sched.Scheduler;
import org.smmubench.kernel.sched.TaskBody;

/** Two kernel tasks under the deterministic scheduler: mutual exclusion, per-task context, lockdep across tasks. */
class ParallelTasksTest {
    /** One execution's kernel and what it reported. */
    private static final class Run {
        final KernelFixture f = new KernelFixture();
        final Mutex a = f.k.mutex("lock_a");
        final Mutex b = f.k.mutex("lock_b");
    }

    /** Task 1 takes a then b; task 2 takes b then a: the classic ABBA. */
    private static Supplier<List<TaskBody>> abba(List<Run> runs) {
        return () -> {
            Run r = new Run();
            runs.add(r);
            Runnable ab = () -> {
                try (Frame fr = r.f.k.enter("task_ab")) {
                    r.a.lock();
                    r.b.lock();
                    r.b.unlock();
                    r.a.unlock();
                }
            };
            Runnable ba = () -> {
                try (Frame fr = r.f.k.enter("task_ba")) {
                    r.b.lock();
                    r.a.lock();
                    r.a.unlock();
                    r.b.unlock();
                }
            };
            return r.f.k.tasks(List.of(ab, ba));
        };
    }

    @Test
    void abbaDeadlocksInSomeScheduleAndLockdepReportsTheOrderInEveryScheduleThatFinishes() {
        List<Run> runs = new ArrayList<>();
        List<Scheduler.Execution> executions = new ArrayList<>();
        Interleavings.Result r = Interleavings.exhaustive(abba(runs), 2, ex -> {
            executions.add(ex);
            return false;
        });
        assertEquals(r.schedules(), executions.size());
        assertTrue(executions.stream().anyMatch(Scheduler.Execution::deadlock), "no schedule deadlocked");
        for (int i = 0; i < executions.size(); i++) {
            if (executions.get(i).deadlock()) continue;
            // Serialised, the tasks never block each other, yet lockdep saw a->b in one task and b->a in the other.
            List<Violation> order = runs.get(i).f.of("lock-order");
            assertEquals(1, order.size(), executions.get(i).schedule() + ": " + runs.get(i).f.violations);
            assertTrue(order.get(0).message().contains("lock_a") && order.get(0).message().contains("lock_b"), order.get(0).message());
        }
    }

    @Test
    void aHeldMutexMakesTheOtherTaskWaitAndEachTaskKeepsItsOwnLocks() {
        KernelFixture f = new KernelFixture();
        Mutex m = f.k.mutex("lock_m");
        List<String> order = new ArrayList<>();
        List<Integer> heldSeenBySecond = new ArrayList<>();
        Runnable first = () -> {
            m.lock();
            order.add("first in");
            f.k.kzalloc("kzalloc.bond", null, Gfp.GFP_KERNEL, Object::new); // a sleeping allocation: a schedule point
            order.add("first out");
            m.unlock();
        };
        Runnable second = () -> {
            heldSeenBySecond.add(f.k.current().heldLocks().size());
            m.lock();
            order.add("second in");
            m.unlock();
        };
        // Task 1 takes the mutex and sleeps in the allocation; task 2 runs, finds it held and waits.
        Scheduler.Execution ex = Scheduler.run(f.k.tasks(List.of(first, second)),
                new org.smmubench.kernel.sched.Pinned(org.smmubench.kernel.sched.Schedule.parse("t1:2 t2:1 t1:* t2:*")));
        assertFalse(ex.failed(), String.valueOf(ex.failure()));
        assertEquals(List.of("first in", "first out", "second in"), order);
        assertEquals(List.of(0), heldSeenBySecond, "the second task must not see the first task's locks");
        assertTrue(f.violations.isEmpty(), f.violations.toString());
        assertTrue(f.k.current().heldLocks().isEmpty());
    }
    @Test
    void aContextRunsWhenItHasWorkWithItsOwnStateAndSleepingThereIsAnAtomicSleep() {
        KernelFixture f = new KernelFixture();
        Mutex m = f.k.mutex("lock_m");
        boolean[] queued = {false};
        List<String> order = new ArrayList<>();
        Runnable task = () -> {
            m.lock();
            queued[0] = true;          // as call_srcu queues a callback
            f.k.schedulePoint("call_srcu");
            order.add("task goes on");
            m.unlock();
        };
        // Like the SRCU callback context: softirqs off around the callback, which here sleeps.
        Scheduler.Daemon context = f.k.context("callbacks", () -> queued[0], () -> {
            while (true) {
                queued[0] = false;
                order.add("callback, holding " + f.k.current().heldLocks().size() + " locks");
                f.k.localBhDisable();
                f.k.mightSleep("mutex_lock");
                f.k.localBhEnable();
                f.k.waitUntil("more callbacks", () -> queued[0]);
            }
        });
        Scheduler.Execution ex = Scheduler.run(f.k.tasks(List.of(task)), List.of(context),
                new org.smmubench.kernel.sched.Pinned(org.smmubench.kernel.sched.Schedule.parse("t1:2 t2:* t1:*")));
        assertFalse(ex.failed(), String.valueOf(ex.failure()));
        assertEquals(List.of("callback, holding 0 locks", "task goes on"), order, "the context has its own held locks");
        assertEquals(1, f.of("atomic-sleep").size(), f.violations.toString());
        assertEquals(0, f.k.current().preemptCount(), "the bench's own task keeps its state");
    }
}
