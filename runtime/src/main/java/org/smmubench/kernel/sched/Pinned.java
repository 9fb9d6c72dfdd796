package org.smmubench.kernel.sched;

import java.util.List;

/**
 * Replays one {@link Schedule}. A task that the schedule names but that cannot run at that
 * point (finished, or waiting) makes the schedule infeasible for this program:
 * IllegalArgumentException. A {@code tN:*} slice ends when its task is no longer enabled;
 * if that was because it blocked rather than finished, the execution's own schedule differs
 * from the pinned one, which the caller can compare.
 */
public final class Pinned implements Chooser {
    private final Schedule schedule;
    private int slice;
    private int used;

    public Pinned(Schedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public int choose(int current, List<Integer> enabled) {
        while (true) {
            // Past its last slice only a context finishing its work may be left: it runs on.
            if (slice >= schedule.slices().size() && enabled.size() == 1 && !named(enabled.get(0))) return enabled.get(0);
            if (slice >= schedule.slices().size())
                throw new IllegalArgumentException("schedule '" + schedule + "' ends while tasks " + names(enabled) + " still have work");
            Schedule.Slice s = schedule.slices().get(slice);
            boolean exhausted = s.segments() >= 0 ? used == s.segments() : used > 0 && !enabled.contains(s.task());
            if (exhausted) {
                slice++;
                used = 0;
                continue;
            }
            if (!enabled.contains(s.task()))
                throw new IllegalArgumentException("schedule '" + schedule + "': " + s + " cannot run there (runnable: " + names(enabled) + ")");
            used++;
            return s.task();
        }
    }

    private boolean named(int task) {
        return schedule.slices().stream().anyMatch(s -> s.task() == task);
    }

    private static String names(List<Integer> tasks) {
        StringBuilder b = new StringBuilder();
        for (int t : tasks) b.append(b.length() == 0 ? "" : ", ").append("t").append(t + 1);
        return b.toString();
    }
}
