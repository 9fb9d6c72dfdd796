package org.smmubench.kernel.sched;

import java.util.List;

/** Picks the task that runs the next segment. */
public interface Chooser {
    /**
     * @param current the task that ran the last segment (-1 before the first), which may have
     *                finished or blocked
     * @param enabled tasks that can run now, in ascending order, never empty
     * @return one of {@code enabled}
     */
    int choose(int current, List<Integer> enabled);
}
