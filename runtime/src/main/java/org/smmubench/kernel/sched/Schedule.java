package org.smmubench.kernel.sched;

import java.util.ArrayList;
import java.util.List;

/**
 * Which task ran when, written as {@code t1:3 t2:* t1:*}: task 1 runs three segments (up to its
 * third schedule point), task 2 runs to its end, then task 1 runs to its end. A segment is the
 * code between two schedule points. Tasks are numbered from 1. Every task's last slice is
 * {@code *}: once a task is left for the last time it has finished.
 */
public record Schedule(List<Slice> slices) {
    /** {@code segments} is -1 for "to the end". */
    public record Slice(int task, int segments) {
        @Override
        public String toString() { return "t" + (task + 1) + ":" + (segments < 0 ? "*" : Integer.toString(segments)); }
    }

    public Schedule {
        slices = List.copyOf(slices);
    }

    /** From the task chosen for each segment, in order (0-based task indices). */
    public static Schedule of(List<Integer> segmentOwners) {
        List<Slice> out = new ArrayList<>();
        for (int i = 0; i < segmentOwners.size(); ) {
            int t = segmentOwners.get(i);
            int j = i;
            while (j < segmentOwners.size() && segmentOwners.get(j) == t) j++;
            boolean last = segmentOwners.subList(j, segmentOwners.size()).stream().noneMatch(x -> x == t);
            out.add(new Slice(t, last ? -1 : j - i));
            i = j;
        }
        return new Schedule(out);
    }

    /** Parses {@code t1:3 t2:* t1:*}; throws IllegalArgumentException saying what is wrong. */
    public static Schedule parse(String text) {
        List<Slice> out = new ArrayList<>();
        String[] parts = text.trim().split("\\s+");
        for (String p : parts) {
            if (!p.matches("t[1-9][0-9]*:(\\*|[1-9][0-9]*)"))
                throw new IllegalArgumentException("'" + p + "' is not a schedule slice (expected tN:COUNT or tN:*, e.g. t1:3 t2:* t1:*)");
            int colon = p.indexOf(':');
            int task = Integer.parseInt(p.substring(1, colon)) - 1;
            String n = p.substring(colon + 1);
            out.add(new Slice(task, n.equals("*") ? -1 : Integer.parseInt(n)));
        }
        return new Schedule(out);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Slice s : slices) b.append(b.length() == 0 ? "" : " ").append(s);
        return b.toString();
    }
}
