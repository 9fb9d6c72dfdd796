package org.smmubench.kernel.sched;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs tasks one segment at a time. Besides the tasks, an execution may have contexts
 * (daemons): code the kernel runs on its own, such as SRCU callbacks, which runs only when it
 * is enabled and which the execution does not wait for: it ends when every task has and every
 * context is back at a wait, where it is unwound. Contexts are numbered after the tasks. Each task gets a Java thread, but a thread only runs while
 * the scheduler has handed it the baton, and hands it back at its next schedule point or when
 * it ends, so exactly one task body executes at any moment and the {@link Chooser}'s answers
 * alone decide the interleaving. The threads exist only to keep each task's Java call stack
 * across schedule points.
 */
public final class Scheduler {
    /** One finished execution: who ran each segment, the labels of the points passed, and how it ended. */
    public record Execution(List<Integer> segmentOwners, List<String> labels, Schedule schedule,
                            Throwable failure, boolean deadlock) {
        public Execution {
            segmentOwners = List.copyOf(segmentOwners);
            labels = List.copyOf(labels);
        }

        public boolean failed() { return failure != null || deadlock; }
    }

    /** Thrown inside a task thread to unwind it when the execution is abandoned. */
    private static final class Abandoned extends Error {
        Abandoned() { super(null, null, false, false); }
    }

    private final Object baton = new Object();
    private final int n;
    /** Tasks [0, required) must finish; the rest are contexts. */
    private final int required;
    private int running = -1;
    private final boolean[] done;
    private final BooleanSupplier[] waitingFor;
    private boolean abandoned;
    private Throwable failure;
    /** The label of the point where the running task handed the baton back. */
    private String pendingLabel;

    private Scheduler(int n, int required) {
        this.n = n;
        this.required = required;
        this.done = new boolean[n];
        this.waitingFor = new BooleanSupplier[n];
    }

    /** Runs {@code tasks} to the end (or to a failure or deadlock) under {@code chooser}. */
    public static Execution run(List<TaskBody> tasks, Chooser chooser) {
        return run(tasks, List.of(), chooser);
    }

    /**
     * A context beside the tasks: enabled only while {@code ready} holds (first when it starts,
     * then at each of its waits), and never waited for.
     */
    public record Daemon(String label, BooleanSupplier ready, TaskBody body) {}

    /** The same with {@code daemons} beside the tasks (numbered after them). */
    public static Execution run(List<TaskBody> tasks, List<Daemon> daemons, Chooser chooser) {
        List<TaskBody> all = new ArrayList<>(tasks);
        for (Daemon d : daemons) all.add(d.body());
        Scheduler s = new Scheduler(all.size(), tasks.size());
        // A context starts waiting for its condition, so it never runs an empty first segment.
        for (int i = 0; i < daemons.size(); i++) s.waitingFor[tasks.size() + i] = daemons.get(i).ready();
        return s.execute(all, chooser);
    }

    private Execution execute(List<TaskBody> tasks, Chooser chooser) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            Thread t = new Thread(() -> taskMain(id, tasks.get(id)), "smmu-bench-task-" + (id + 1));
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        List<Integer> owners = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        boolean deadlock = false;
        int current = -1;
        try {
            while (true) {
                List<Integer> enabled = new ArrayList<>();
                synchronized (baton) {
                    if (failure != null) break;
                    boolean all = true;
                    for (int i = 0; i < n; i++) {
                        if (done[i]) continue;
                        // A context stopped inside its work (not at a wait) runs on to its next wait.
                        if (i < required || waitingFor[i] == null) all = false;
                        if (waitingFor[i] == null || waitingFor[i].getAsBoolean()) enabled.add(i);
                    }
                    if (all) break;
                }
                if (enabled.isEmpty()) {
                    deadlock = true;
                    break;
                }
                int next = chooser.choose(current, List.copyOf(enabled));
                if (!enabled.contains(next)) throw new IllegalStateException("chooser picked task " + next + ", not one of " + enabled);
                owners.add(next);
                current = next;
                synchronized (baton) {
                    waitingFor[next] = null;
                    running = next;
                    baton.notifyAll();
                    while (running != -1) baton.wait();
                    labels.add(pendingLabel);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scheduling", e);
        } finally {
            abandon(threads);
        }
        return new Execution(owners, labels, Schedule.of(owners), failure, deadlock);
    }

    /**
     * Unwinds the tasks still parked (after a failure or a deadlock), one at a time: each gets
     * the baton and throws {@link Abandoned} from its schedule point, so even the clean-up code
     * it runs on the way out never overlaps another task's.
     */
    private void abandon(List<Thread> threads) {
        synchronized (baton) {
            abandoned = true;
            for (int i = 0; i < n; i++) {
                if (done[i]) continue;
                running = i;
                baton.notifyAll();
                while (!done[i]) {
                    try {
                        baton.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void taskMain(int id, TaskBody body) {
        try {
            awaitTurn(id);
            body.run(new Context(id));
            synchronized (baton) {
                pendingLabel = "end";
            }
        } catch (Abandoned a) {
            // Unwound on purpose; falls through to mark the task done.
        } catch (Throwable t) {
            synchronized (baton) {
                if (failure == null && !abandoned) failure = t;
                pendingLabel = "failed";
            }
        }
        synchronized (baton) {
            done[id] = true;
            running = -1;
            baton.notifyAll();
        }
    }

    private void awaitTurn(int id) {
        synchronized (baton) {
            while (running != id) {
                try {
                    baton.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (abandoned) throw new Abandoned();
        }
    }

    private void yieldAt(int id, String label) {
        synchronized (baton) {
            // Unwinding: keep the baton, leave at once.
            if (abandoned) throw new Abandoned();
            pendingLabel = label;
            running = -1;
            baton.notifyAll();
        }
        awaitTurn(id);
    }

    private final class Context implements TaskContext {
        private final int id;

        Context(int id) { this.id = id; }

        @Override
        public int task() { return id; }

        @Override
        public void point(String label) { yieldAt(id, label); }

        @Override
        public void waitUntil(String label, BooleanSupplier ready) {
            while (!ready.getAsBoolean()) {
                synchronized (baton) {
                    waitingFor[id] = ready;
                }
                yieldAt(id, label);
            }
        }
    }
}
