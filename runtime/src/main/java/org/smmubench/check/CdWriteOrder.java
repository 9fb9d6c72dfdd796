package org.smmubench.check;

import org.smmubench.kernel.Violation;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.CdCode;
import org.smmubench.hw.field.Cd;
import org.smmubench.hw.field.L1Cd;

/**
 * cd-write-order. Watches every store into
 * the masters' CD tables and every consumed command:
 * <ul>
 * <li>a CD becomes valid (dword 0 stored with V=1 over V=0) only after dwords 1-3 were
 *     stored since it was last invalid, and those stores were covered by CFGI_CD for every
 *     stream of the master and a completed CMD_SYNC; in a two-level table the leaf's L1CD
 *     store must likewise have been followed by CFGI_CD(Leaf=0) and a CMD_SYNC;</li>
 * <li>every dword-0 store and every L1CD store is followed by those invalidations before the
 *     step ends (the model has no hook at the return of the outermost call).</li>
 * </ul>
 */
public final class CdWriteOrder implements Invariant {
    public static final String ID = "cd-write-order";

    private record Key(ArmSmmuMaster master, int index) {}

    /** What one CD has seen since the checker attached. */
    private static final class CdState {
        /** Creation order: step-end reports go in the order CDs were first stored, as the map iterates. */
        final long seq;
        /** Dwords 1-3 stored since the CD was last invalid. */
        final BitSet bodyStored = new BitSet();
        PendingInvalidation body;
        int lastBodyDword;
        PendingInvalidation dword0;

        CdState(long seq) { this.seq = seq; }
    }

    private final Map<Key, CdState> cds = new LinkedHashMap<>();
    private final Map<Key, PendingInvalidation> l1s = new LinkedHashMap<>();
    /**
     * CDs with a dword-0 store this step, by creation order, and CDs with an invalidation still
     * pending: every CD ever stored stays in {@link #cds}, so per-command and per-step work
     * walks only these.
     */
    private final java.util.TreeMap<Long, CdState> dword0Stored = new java.util.TreeMap<>();
    private final java.util.Set<CdState> open = new java.util.LinkedHashSet<>();

    @Override
    public String id() { return ID; }

    @Override
    public void attach(World w, Consumer<Violation> sink) {
        w.mem.addWriteListener((pa, oldValue, newValue) ->
                HwMasters.locate(w, pa).ifPresent(word -> onStore(w, word, oldValue, newValue, sink)));
        w.hw.addCommandListener(PendingInvalidation.feeding(this::pending));
    }

    private List<PendingInvalidation> pending() {
        List<PendingInvalidation> out = new ArrayList<>();
        for (var it = open.iterator(); it.hasNext();) {
            CdState s = it.next();
            boolean waiting = false;
            if (s.body != null && !s.body.done()) {
                out.add(s.body);
                waiting = true;
            }
            if (s.dword0 != null && !s.dword0.done()) {
                out.add(s.dword0);
                waiting = true;
            }
            if (!waiting) it.remove();
        }
        for (PendingInvalidation p : l1s.values()) if (!p.done()) out.add(p);
        return out;
    }

    private void onStore(World w, HwMasters.CdWord word, long oldValue, long newValue, Consumer<Violation> sink) {
        ArmSmmuMaster m = word.master();
        List<Integer> sids = HwMasters.sids(m);
        List<String> bt = w.kernel.backtrace();
        List<String> locks = w.kernel.heldLockNames();
        if (word.l1()) {
            int l1 = word.index();
            String what = HwText.master(m) + ": L1CD " + l1 + " (leaf for PASIDs " + HwText.hex((long) l1 << CdCode.CTXDESC_SPLIT)
                    + "-" + HwText.hex(((long) (l1 + 1) << CdCode.CTXDESC_SPLIT) - 1) + ") stored at " + HwText.hex(word.cdBase())
                    + " = " + HwText.hex(newValue);
            l1s.put(new Key(m, l1), new PendingInvalidation(what, sids, (c, sid) -> CfgiCoverage.l1Cd(c, sid, l1), bt, locks));
            return;
        }
        int ssid = word.index();
        CdState s = cds.computeIfAbsent(new Key(m, ssid), k -> new CdState(cds.size()));
        open.add(s);
        String where = HwText.master(m) + " PASID " + HwText.hex(ssid) + ": CD at " + HwText.hex(word.cdBase());
        PendingInvalidation.Coverage cover = (c, sid) -> CfgiCoverage.cd(c, sid, ssid);
        if (word.dword() != 0) {
            if (word.dword() <= 3) s.bodyStored.set(word.dword());
            s.lastBodyDword = word.dword();
            s.body = new PendingInvalidation(where, sids, cover, bt, locks);
            return;
        }
        boolean wasValid = Cd.V.isSet(oldValue);
        boolean nowValid = Cd.V.isSet(newValue);
        if (!wasValid && nowValid) checkBecomesValid(w, m, ssid, s, where, newValue, sink);
        if (wasValid && !nowValid) s.bodyStored.clear();
        dword0Stored.put(s.seq, s);
        s.dword0 = new PendingInvalidation(where + ": dword 0 stored (" + HwText.hex(oldValue) + " -> " + HwText.hex(newValue) + ")",
                sids, cover, bt, locks);
    }

    private void checkBecomesValid(World w, ArmSmmuMaster m, int ssid, CdState s, String where, long d0, Consumer<Violation> sink) {
        String head = where + ": dword 0 stored with V=1 (ASID " + Cd.ASID.extract(d0) + ")";
        for (int d = 1; d <= 3; d++) {
            if (!s.bodyStored.get(d)) {
                report(w, sink, head + " before dword " + d + " was written: expected dwords 1-3 stored, then CFGI_CD+CMD_SYNC, then V=1; found dword "
                        + d + " never stored since the CD was last invalid");
                break;
            }
        }
        if (s.body != null && !s.body.done()) {
            report(w, sink, head + " while the store to dword " + s.lastBodyDword
                    + " was not yet invalidated: expected CFGI_CD(SSID " + HwText.hex(ssid) + ") for every stream and a completed CMD_SYNC before V=1; found "
                    + s.body.missing("CFGI_CD"));
        }
        if (m.cdTable.l1Desc != null) {
            PendingInvalidation l1 = l1s.get(new Key(m, ssid >>> CdCode.CTXDESC_SPLIT));
            if (l1 != null && !l1.done()) {
                report(w, sink, head + " while its leaf's L1CD store was not yet invalidated: expected CFGI_CD(Leaf=0)+CMD_SYNC after "
                        + l1.what + "; found " + l1.missing("CFGI_CD(Leaf=0)"));
            }
        }
    }

    private void report(World w, Consumer<Violation> sink, String msg) {
        sink.accept(new Violation(ID, msg, w.kernel.backtrace(), w.kernel.heldLockNames(), ""));
    }

    @Override
    public void afterStep(World w, Consumer<Violation> sink) {
        for (CdState s : dword0Stored.values()) {
            if (s.dword0 != null && !s.dword0.done()) {
                sink.accept(new Violation(ID, s.dword0.what + " but the step ended with " + s.dword0.missing("CFGI_CD")
                        + ": expected CFGI_CD for all the master's streams and a CMD_SYNC before returning", s.dword0.backtrace, s.dword0.locks, ""));
            }
            s.dword0 = null;
        }
        dword0Stored.clear();
        for (PendingInvalidation p : l1s.values()) {
            if (!p.done()) {
                sink.accept(new Violation(ID, p.what + " but the step ended with " + p.missing("CFGI_CD(Leaf=0)")
                        + ": expected CFGI_CD(Leaf=0) for all the master's streams and a CMD_SYNC", p.backtrace, p.locks, ""));
            }
        }
        l1s.values().removeIf(p -> true);
    }

    @Override
    public void atTeardown(World w, Consumer<Violation> sink) {
        afterStep(w, sink);
    }
}
