package org.smmubench.kernel.sched;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Explores the interleavings of a program: a fresh set of task bodies per execution (the
 * {@code program} supplier), since an execution consumes its state.
 *
 * <p>{@link #exhaustive} is a stateless depth-first search over scheduling decisions, as CHESS
 * does it: each execution replays a prefix of decisions, then runs without preempting (the
 * current task goes on while it can; otherwise the lowest enabled one runs). Backtracking takes
 * the deepest decision with an untried alternative whose preemptions stay within the bound.
 * Alternatives at a decision are tried in a fixed order (the non-preempting choice first, then
 * ascending task index), so every schedule within the bound is executed exactly once.
 *
 * <p>{@link #pct} samples schedules instead (Burckhardt et al., "A Randomized Scheduler with
 * Probabilistic Guarantees of Finding Bugs", 2010): tasks get random priorities, the highest
 * enabled one runs, and at {@code depth - 1} random decisions the running task drops to the
 * lowest priority. A seed fixes every choice.
 */
public final class Interleavings {
    private Interleavings() {}

    /** How an exploration ended: executions run, and the first that {@code stop} accepted (null if none). */
    public record Result(int schedules, Scheduler.Execution stoppedAt) {}

    private record Decision(int current, List<Integer> enabled, int chosen, int preemptionsBefore) {
        List<Integer> order() {
            List<Integer> out = new ArrayList<>();
            int dflt = enabled.contains(current) ? current : enabled.get(0);
            out.add(dflt);
            for (int t : enabled) if (t != dflt) out.add(t);
            return out;
        }

        int cost(int task) { return enabled.contains(current) && task != current ? 1 : 0; }
    }

    /** Follows a forced prefix of choices, then never preempts; records every decision. */
    private static final class Replaying implements Chooser {
        private final List<Integer> prefix;
        final List<Decision> decisions = new ArrayList<>();
        private int preemptions;

        Replaying(List<Integer> prefix) { this.prefix = prefix; }

        @Override
        public int choose(int current, List<Integer> enabled) {
            int k = decisions.size();
            int pick;
            if (k < prefix.size()) pick = prefix.get(k);
            else pick = enabled.contains(current) ? current : enabled.get(0);
            Decision d = new Decision(current, enabled, pick, preemptions);
            preemptions += d.cost(pick);
            decisions.add(d);
            return pick;
        }
    }

    /**
     * Runs every schedule with at most {@code preemptionBound} preemptions (a switch away from a
     * task that could have gone on), stopping early at the first execution {@code stop} accepts.
     */
    public static Result exhaustive(Supplier<List<TaskBody>> program, int preemptionBound,
                                    Predicate<Scheduler.Execution> stop) {
        return exhaustive(chooser -> Scheduler.run(program.get(), chooser), preemptionBound, stop);
    }

    /**
     * The same search where the caller runs each execution: {@code execute} does whatever it
     * needs (a whole scenario, say) and runs its tasks with the chooser it is given.
     */
    public static Result exhaustive(Function<Chooser, Scheduler.Execution> execute, int preemptionBound,
                                    Predicate<Scheduler.Execution> stop) {
        List<Integer> prefix = new ArrayList<>();
        int count = 0;
        while (true) {
            Replaying chooser = new Replaying(prefix);
            Scheduler.Execution ex = execute.apply(chooser);
            count++;
            if (stop.test(ex)) return new Result(count, ex);
            prefix = backtrack(chooser.decisions, preemptionBound);
            if (prefix == null) return new Result(count, null);
        }
    }

    private static List<Integer> backtrack(List<Decision> decisions, int bound) {
        for (int k = decisions.size() - 1; k >= 0; k--) {
            Decision d = decisions.get(k);
            List<Integer> order = d.order();
            for (int i = order.indexOf(d.chosen()) + 1; i < order.size(); i++) {
                int alt = order.get(i);
                if (d.preemptionsBefore() + d.cost(alt) > bound) continue;
                List<Integer> prefix = new ArrayList<>();
                for (int j = 0; j < k; j++) prefix.add(decisions.get(j).chosen());
                prefix.add(alt);
                return prefix;
            }
        }
        return null;
    }

    /** {@code runs} PCT executions of bug depth {@code depth}, seeded; stops at the first {@code stop} accepts. */
    public static Result pct(Supplier<List<TaskBody>> program, long seed, int depth, int runs,
                             Predicate<Scheduler.Execution> stop) {
        return pct(chooser -> Scheduler.run(program.get(), chooser), seed, depth, runs, stop);
    }

    /** The same where the caller runs each execution with the chooser it is given. */
    public static Result pct(Function<Chooser, Scheduler.Execution> execute, long seed, int depth, int runs,
                             Predicate<Scheduler.Execution> stop) {
        SplittableRandom r = new SplittableRandom(seed);
        // The number of segments of a non-preempting run estimates the length k of an execution.
        Scheduler.Execution probe = execute.apply(new Replaying(List.of()));
        if (stop.test(probe)) return new Result(1, probe);
        int k = Math.max(1, probe.segmentOwners().size());
        for (int run = 1; run < runs; run++) {
            Pct chooser = new Pct(r.split(), depth, k);
            Scheduler.Execution ex = execute.apply(chooser);
            if (stop.test(ex)) return new Result(run + 1, ex);
        }
        return new Result(runs, null);
    }

    private static final class Pct implements Chooser {
        private final SplittableRandom r;
        private final int depth;
        private final List<Integer> changePoints = new ArrayList<>();
        private int[] priority;
        private int step;

        Pct(SplittableRandom r, int depth, int k) {
            this.r = r;
            this.depth = depth;
            for (int i = 0; i < depth - 1; i++) changePoints.add(1 + r.nextInt(k));
        }

        @Override
        public int choose(int current, List<Integer> enabled) {
            if (priority == null) priority = new int[0];
            step++;
            int idx = changePoints.indexOf(step);
            if (idx >= 0 && current >= 0) setPriority(current, depth - 1 - idx);
            int best = -1;
            for (int t : enabled) {
                if (best < 0 || priorityOf(t) > priorityOf(best)) best = t;
            }
            return best;
        }

        /** Initial priorities are random, all at least {@code depth}, so above every change point's; ties go to the lower index. */
        private int priorityOf(int task) {
            if (task >= priority.length) {
                int old = priority.length;
                int[] grown = java.util.Arrays.copyOf(priority, task + 1);
                for (int t = old; t <= task; t++) grown[t] = depth + r.nextInt(1 << 20);
                priority = grown;
            }
            return priority[task];
        }

        private void setPriority(int task, int p) {
            priorityOf(task);
            priority[task] = p;
        }
    }
}
