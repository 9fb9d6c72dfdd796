package org.smmubench.bench.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.smmubench.kernel.KernelEventLog.Event;
import org.smmubench.kernel.KernelEventLog.Kind;

/**
 * The timeline's folds and its x axis. A loop in the driver repeats the same call many times
 * back to back: the dead loop 95d4782c34a6 fixed issues 8,192 batches of 64 TLBI_NH_VA, each
 * through {@code arm_smmu_cmdq_issue_cmdlist}, so drawn at one column per event the picture was
 * three million pixels wide and the page 80 MB. A run of at least {@link #MIN_RUN} calls of
 * one function, each starting right after the previous returned and each with the same shape
 * (the same kinds, names and relative depths of events, whatever their details), is drawn as
 * its first {@link #KEEP_BEFORE} calls, one fold of fixed width standing for the middle ones,
 * and its last {@link #KEEP_AFTER} call. A call that raised a violation never joins a run, so
 * no violation mark is ever folded away; the fold's title gives the calls, events and
 * commands it stands for and its logical-time range, so the axis stays readable as time.
 */
final class TimelineFolds {
    static final int MIN_RUN = 8;
    static final int KEEP_BEFORE = 2;
    static final int KEEP_AFTER = 1;
    /** The width, in columns of the unfolded axis, that one fold takes. */
    static final int FOLD_COLUMNS = 6;

    /** Events {@code from..to} (inclusive) folded: {@code calls} calls of {@code fn}. */
    record Fold(int from, int to, String fn, int calls, int commands, String opcodes, String others) {
        int events() { return to - from + 1; }
    }

    private final List<Fold> folds;
    /** Fold by first event, for the axis. */
    private final TreeMap<Integer, Fold> byStart = new TreeMap<>();
    /** Per fold start: the events hidden by the folds before it. */
    private final Map<Integer, Integer> hiddenBefore = new TreeMap<>();

    private TimelineFolds(List<Fold> folds) {
        this.folds = folds;
        int hidden = 0;
        for (Fold f : folds) {
            byStart.put(f.from(), f);
            hiddenBefore.put(f.from(), hidden);
            hidden += f.events() - FOLD_COLUMNS;
        }
    }

    List<Fold> folds() { return folds; }

    /** The folds of an event log: outermost runs first; a run inside a folded call is not folded again. */
    static TimelineFolds of(List<Event> ev) {
        int n = ev.size();
        int[] end = matchingExits(ev);
        boolean[] violates = callsWithViolations(ev, end);
        List<Fold> found = new ArrayList<>();
        // Per depth: the run being extended (first call's start, last call's start and end, length).
        Map<Integer, int[]> runs = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            Event e = ev.get(i);
            if (e.kind() != Kind.ENTER || end[i] < 0) continue;
            int d = e.depth();
            int[] run = runs.get(d);
            boolean extends_ = run != null && run[2] == i - 1 && !violates[i] && !violates[run[1]]
                    && sameShape(ev, run[1], i, end[i] - i + 1, end[run[1]] - run[1] + 1);
            if (extends_) {
                run[1] = i;
                run[2] = end[i];
                run[3]++;
            } else {
                if (run != null) close(ev, end, run, found);
                runs.put(d, new int[] {i, i, end[i], 1});
            }
        }
        for (int[] run : runs.values()) close(ev, end, run, found);
        found.sort((a, b) -> Integer.compare(a.from(), b.from()));
        List<Fold> outer = new ArrayList<>();
        for (Fold f : found) {
            if (!outer.isEmpty() && f.from() <= outer.get(outer.size() - 1).to()) continue;
            outer.add(f);
        }
        return new TimelineFolds(List.copyOf(outer));
    }

    /** Records a finished run as a fold when it is long enough. */
    private static void close(List<Event> ev, int[] end, int[] run, List<Fold> found) {
        int calls = run[3];
        if (calls < MIN_RUN) return;
        // The starts of the calls, walked from the first: each begins right after the previous ended.
        int start = run[0];
        for (int k = 0; k < KEEP_BEFORE; k++) start = end[start] + 1;
        int last = run[1];
        int from = start;
        int to = last - 1;
        int commands = 0, dmas = 0, records = 0;
        Map<String, Integer> opcodes = new TreeMap<>();
        for (int t = from; t <= to; t++) {
            switch (ev.get(t).kind()) {
                case COMMAND -> {
                    commands++;
                    opcodes.merge(ev.get(t).name(), 1, Integer::sum);
                }
                case DMA -> dmas++;
                case EVENT -> records++;
                default -> { }
            }
        }
        String others = (dmas == 0 ? "" : dmas + " DMAs") + (dmas > 0 && records > 0 ? ", " : "")
                + (records == 0 ? "" : records + " event records");
        StringBuilder ops = new StringBuilder();
        opcodes.forEach((op, c) -> ops.append(ops.length() == 0 ? "" : ", ").append(op).append(" \u00d7").append(c));
        found.add(new Fold(from, to, ev.get(run[0]).name(), calls - KEEP_BEFORE - KEEP_AFTER, commands, ops.toString(), others));
    }

    /** For each ENTER, the index of its EXIT (-1 when the log ends first, or for other events). */
    private static int[] matchingExits(List<Event> ev) {
        int[] end = new int[ev.size()];
        java.util.Arrays.fill(end, -1);
        int[] stack = new int[64];
        int top = 0;
        for (int i = 0; i < ev.size(); i++) {
            Kind k = ev.get(i).kind();
            if (k == Kind.ENTER) {
                if (top == stack.length) stack = java.util.Arrays.copyOf(stack, top * 2);
                stack[top++] = i;
            } else if (k == Kind.EXIT && top > 0) {
                end[stack[--top]] = i;
            }
        }
        return end;
    }

    /** For each ENTER, whether a violation fired before its EXIT. */
    private static boolean[] callsWithViolations(List<Event> ev, int[] end) {
        boolean[] v = new boolean[ev.size()];
        int[] prefix = new int[ev.size() + 1];
        for (int i = 0; i < ev.size(); i++) prefix[i + 1] = prefix[i] + (ev.get(i).kind() == Kind.VIOLATION ? 1 : 0);
        for (int i = 0; i < ev.size(); i++) if (end[i] >= 0) v[i] = prefix[end[i] + 1] - prefix[i] > 0;
        return v;
    }

    /** Same kinds, names and depths relative to the call, event by event (details may differ). */
    private static boolean sameShape(List<Event> ev, int a, int b, int lenB, int lenA) {
        if (lenA != lenB || !ev.get(a).name().equals(ev.get(b).name())) return false;
        int da = ev.get(a).depth(), db = ev.get(b).depth();
        for (int k = 0; k < lenA; k++) {
            Event x = ev.get(a + k), y = ev.get(b + k);
            if (x.kind() != y.kind() || x.depth() - da != y.depth() - db || !x.name().equals(y.name()) || !x.root().equals(y.root())) return false;
        }
        return true;
    }

    /** The fold holding event {@code t}, if any. */
    Fold foldAt(int t) {
        Map.Entry<Integer, Fold> e = byStart.floorEntry(t);
        return e != null && t <= e.getValue().to() ? e.getValue() : null;
    }

    /**
     * The column of logical time {@code t} on the folded axis: each fold takes
     * {@link #FOLD_COLUMNS} columns, its events spread evenly across them; monotone in t.
     */
    double column(int t) {
        Map.Entry<Integer, Fold> e = byStart.floorEntry(t);
        if (e == null) return t;
        Fold f = e.getValue();
        int hidden = hiddenBefore.get(f.from());
        if (t > f.to()) return t - hidden - (f.events() - FOLD_COLUMNS);
        return f.from() - hidden + (double) (t - f.from()) * FOLD_COLUMNS / f.events();
    }

    /** True when events {@code from..to} all lie in one fold (so their mark is the fold's). */
    boolean hides(int from, int to) {
        Fold f = foldAt(from);
        return f != null && to <= f.to();
    }
}
