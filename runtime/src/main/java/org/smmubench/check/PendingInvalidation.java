package org.smmubench.check;

import java.util.List;
import java.util.TreeSet;

import org.smmubench.hw.Command;
import org.smmubench.hw.CommandListener;

/**
 * A store to a structure the SMMU may cache, waiting for the invalidation that makes the
 * SMMU see it: a covering command for every StreamID that can cache it, then a completed
 * CMD_SYNC. Commands consumed before the store do not count, which is why one is created per
 * store (a later store replaces an earlier one: whatever covers the later covers both).
 */
final class PendingInvalidation {
    /** Does this command invalidate the structure as cached for this StreamID? */
    @FunctionalInterface
    interface Coverage {
        boolean covers(Command c, int sid);
    }

    /** What was stored, for messages; built on first use from {@link #whatLater} (most stores are never reported). */
    private String what;
    private java.util.function.Supplier<String> whatLater;
    final List<String> backtrace;
    final List<String> locks;
    private final TreeSet<Integer> uncovered;
    private final Coverage coverage;
    private boolean done;

    PendingInvalidation(String what, List<Integer> sids, Coverage coverage, List<String> backtrace, List<String> locks) {
        this(() -> what, sids, coverage, backtrace, locks);
    }

    /** As above, with the text built only if a message needs it; {@code what} must depend only on values captured at the store. */
    PendingInvalidation(java.util.function.Supplier<String> what, List<Integer> sids, Coverage coverage, List<String> backtrace, List<String> locks) {
        this.whatLater = what;
        this.uncovered = new TreeSet<>(sids);
        this.coverage = coverage;
        this.backtrace = List.copyOf(backtrace);
        this.locks = List.copyOf(locks);
    }

    /** A command listener that feeds every consumed command and SYNC completion to what is still pending. */
    static CommandListener feeding(java.util.function.Supplier<List<PendingInvalidation>> pending) {
        return new CommandListener() {
            @Override
            public void onCommand(Command c) {
                for (PendingInvalidation p : pending.get()) p.onCommand(c);
            }

            @Override
            public void onSyncComplete(Command sync) {
                for (PendingInvalidation p : pending.get()) p.onSyncComplete();
            }
        };
    }

    void onCommand(Command c) {
        if (c.error() == 0) uncovered.removeIf(sid -> coverage.covers(c, sid));
    }

    void onSyncComplete() {
        if (uncovered.isEmpty()) done = true;
    }

    boolean done() { return done; }

    String what() {
        if (what == null) {
            what = whatLater.get();
            whatLater = null;
        }
        return what;
    }

    /** What is still missing, for messages: "CFGI for SID 0x11" or "a CMD_SYNC after the CFGI". */
    String missing(String cfgiName) {
        if (uncovered.isEmpty()) return "no CMD_SYNC completed after the " + cfgiName;
        StringBuilder b = new StringBuilder("no " + cfgiName + " for SID ");
        boolean first = true;
        for (int sid : uncovered) {
            if (!first) b.append(", ");
            b.append(HwText.hex(sid));
            first = false;
        }
        return b.toString();
    }
}
