package org.smmubench.kernel;

import java.util.List;

/** dma-leak reports in the layout of KASAN (bad frees, use after free) and kmemleak (leaks). */
final class Kasan {
    private static final String RULE = "=".repeat(66) + "\n";

    private Kasan() {}

    static void doubleFree(Kernel k, String freer, AllocationTracker.Freed fr) {
        Allocation a = fr.allocation();
        String msg = "double free: " + freer + " of " + a.describe() + ", already freed in "
                + callerOf(fr.freeTrace());
        emit(k, "double-free", msg, a, fr.freeTrace(), callerOf(k.backtrace()));
    }

    static void invalidFree(Kernel k, String freer, Allocation a, String why) {
        emit(k, "invalid-free", "invalid free: " + freer + " " + why, a, null, callerOf(k.backtrace()));
    }

    static void useAfterFree(Kernel k, AllocationTracker.Freed fr) {
        Allocation a = fr.allocation();
        String msg = "use after free: " + a.describe() + ", freed in " + callerOf(fr.freeTrace());
        // checkUse runs in the user's own frame, not in an allocator frame.
        String where = k.backtrace().isEmpty() ? "(bench)" : k.backtrace().get(0);
        emit(k, "slab-use-after-free", msg + ", used in " + where, a, fr.freeTrace(), where);
    }

    static Violation leak(Allocation a) {
        StringBuilder sb = new StringBuilder("unreferenced object ").append(a.describe())
                .append(" (size ").append(a.size()).append("):\n  comm \"").append(Task.COMM)
                .append("\", pid ").append(Task.PID).append("\n  backtrace:\n");
        a.backtrace().forEach(fn -> sb.append("    ").append(fn).append('\n'));
        return new Violation("dma-leak", "leaked: " + a.describe(), a.backtrace(), List.of(), sb.toString());
    }

    private static void emit(Kernel k, String kind, String msg, Allocation a, List<String> freeTrace,
                             String where) {
        List<String> bt = k.backtrace();
        StringBuilder sb = new StringBuilder(RULE);
        sb.append("BUG: KASAN: ").append(kind).append(" in ").append(where).append('\n');
        sb.append(msg).append('\n');
        Splats.callTrace(sb, bt);
        if (a != null) {
            sb.append("\nAllocated by task ").append(Task.PID).append(":\n");
            a.backtrace().forEach(fn -> sb.append(' ').append(fn).append('\n'));
        }
        if (freeTrace != null) {
            sb.append("\nFreed by task ").append(Task.PID).append(":\n");
            freeTrace.forEach(fn -> sb.append(' ').append(fn).append('\n'));
        }
        sb.append(RULE);
        k.report(new Violation("dma-leak", msg, bt, k.heldLockNames(), sb.toString()));
    }

    /** The function that called the allocator/free primitive (second frame), else the innermost. */
    private static String callerOf(List<String> bt) {
        return bt.size() > 1 ? bt.get(1) : bt.isEmpty() ? "(bench)" : bt.get(0);
    }
}
