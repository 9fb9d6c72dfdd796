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
import org.smmubench.driver.tree.Releases;
import org.smmubench.hw.CdView;
import org.smmubench.hw.Command;
import org.smmubench.hw.CommandListener;
import org.smmubench.hw.field.Cd;

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
 * On a release with the 6.9+ entry writer ({@code Release.liveUpdates}) a live CD may be
 * updated hitlessly and a dword that already holds its target is not stored again, so the
 * first rule becomes: at every completed CMD_SYNC after a store to the CD, the SMMU model
 * decodes it to the configuration it had before the step, the one it has after the step, or
 * invalid (the writer's breaking sequence, V=0 first). The decode is the hardware model's,
 * independent of the driver's used bits.
 */
public final class CdWriteOrder implements Invariant {
    public static final String ID = "cd-write-order";

    private record Key(ArmSmmuMaster master, int index) {}

    /** What one CD has seen since the checker attached. */
    private static final class CdState {
        /** Creation order: step-end reports go in the order CDs were first stored, as the map iterates. */
        final long seq;
        final Key key;
        /** Dwords 1-3 stored since the CD was last invalid. */
        final BitSet bodyStored = new BitSet();
        PendingInvalidation body;
        int lastBodyDword;
        PendingInvalidation dword0;
        /**
         * Live-update releases: the arm_smmu_write_cd_entry call making the current update, the
         * decode before its first store, those at each sync since, and where the CD lives.
         */
        long call = -1;
        String before;
        final List<CdView> atSyncs = new ArrayList<>();
        boolean storedSinceSync;
        long cdBase;

        CdState(long seq, Key key) {
            this.seq = seq;
            this.key = key;
        }
    }

    /** The entry writer's rule (6.9+) instead of v6.8's store order; decided once per bench. */
    private boolean liveUpdates;

    private final Map<Key, CdState> cds = new LinkedHashMap<>();
    private final Map<Key, PendingInvalidation> l1s = new LinkedHashMap<>();
    /**
     * CDs with a dword-0 store this step, by creation order, and CDs with an invalidation still
     * pending: every CD ever stored stays in {@link #cds}, so per-command and per-step work
     * walks only these.
     */
    private final java.util.TreeMap<Long, CdState> dword0Stored = new java.util.TreeMap<>();
    private final java.util.Set<CdState> open = new java.util.LinkedHashSet<>();
    /** The L1 stores of {@link #l1s} still waiting: commands are fed only to these. */
    private final java.util.Set<PendingInvalidation> openL1s = new java.util.LinkedHashSet<>();
    /**
     * Live-update releases: the CDs stored since the last CMD_SYNC, and those with an update in
     * progress by creation order, so a CMD_SYNC and a step's end visit only these, not every
     * CD ever stored.
     */
    private final java.util.Set<CdState> unsynced = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final java.util.TreeMap<Long, CdState> updating = new java.util.TreeMap<>();

    @Override
    public String id() { return ID; }

    @Override
    public void attach(World w, Consumer<Violation> sink) {
        liveUpdates = Releases.runBy(w.driver.functions()).liveUpdates();
        if (liveUpdates) {
            w.hw.addCommandListener(new CommandListener() {
                @Override
                public void onCommand(Command c) {
                }

                @Override
                public void onSyncComplete(Command sync) {
                    for (var it = unsynced.iterator(); it.hasNext();) {
                        CdState st = it.next();
                        // A freed table is never decoded again (PhysMemory never reuses an address;
                        // a store to a new table re-adds the CD), so it leaves the set either way.
                        it.remove();
                        if (!w.mem.isAllocated(st.cdBase)) continue;
                        st.atSyncs.add(decode(w, st.cdBase, -1, 0));
                        st.storedSinceSync = false;
                    }
                }
            });
        }
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
        for (var it = openL1s.iterator(); it.hasNext();) {
            PendingInvalidation p = it.next();
            if (p.done()) it.remove();
            else out.add(p);
        }
        return out;
    }

    private void onStore(World w, HwMasters.CdWord word, long oldValue, long newValue, Consumer<Violation> sink) {
        ArmSmmuMaster m = word.master();
        List<Integer> sids = HwMasters.sids(m);
        List<String> bt = w.kernel.backtrace();
        List<String> locks = w.kernel.heldLockNames();
        // Message texts are built only when reported: a master's name and streams do not change while its tables live.
        if (word.l1()) {
            int l1 = word.index();
            long cdBase = word.cdBase();
            java.util.function.Supplier<String> what = () -> HwText.master(m) + ": L1CD " + l1 + " (leaf for PASIDs "
                    + HwText.hex((long) l1 << CdCode.CTXDESC_SPLIT) + "-" + HwText.hex(((long) (l1 + 1) << CdCode.CTXDESC_SPLIT) - 1)
                    + ") stored at " + HwText.hex(cdBase) + " = " + HwText.hex(newValue);
            PendingInvalidation p = new PendingInvalidation(what, sids, (c, sid) -> CfgiCoverage.l1Cd(c, sid, l1), bt, locks);
            PendingInvalidation replaced = l1s.put(new Key(m, l1), p);
            if (replaced != null) openL1s.remove(replaced);
            openL1s.add(p);
            return;
        }
        int ssid = word.index();
        Key cdKey = new Key(m, ssid);
        CdState s = cds.computeIfAbsent(cdKey, k -> new CdState(cds.size(), k));
        open.add(s);
        long cdBase = word.cdBase();
        java.util.function.Supplier<String> where = () -> HwText.master(m) + " PASID " + HwText.hex(ssid) + ": CD at " + HwText.hex(cdBase);
        PendingInvalidation.Coverage cover = (c, sid) -> CfgiCoverage.cd(c, sid, ssid);
        if (liveUpdates) {
            long call = w.kernel.innermostCall("arm_smmu_write_cd_entry");
            String now = decode(w, word.cdBase(), word.dword(), oldValue).configuration();
            if (s.before != null && call != s.call) finishUpdate(w, cdKey, s, now, sink);
            if (s.before == null) {
                s.before = now;
                s.call = call;
                updating.put(s.seq, s);
            }
            s.cdBase = word.cdBase();
            s.storedSinceSync = true;
            unsynced.add(s);
        }
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
        s.dword0 = new PendingInvalidation(() -> where.get() + ": dword 0 stored (" + HwText.hex(oldValue) + " -> " + HwText.hex(newValue) + ")",
                sids, cover, bt, locks);
    }

    private void checkBecomesValid(World w, ArmSmmuMaster m, int ssid, CdState s, java.util.function.Supplier<String> where, long d0,
                                   Consumer<Violation> sink) {
        java.util.function.Supplier<String> head = () -> where.get() + ": dword 0 stored with V=1 (ASID " + Cd.ASID.extract(d0) + ")";
        for (int d = 1; d <= 3 && !liveUpdates; d++) {
            if (!s.bodyStored.get(d)) {
                report(w, sink, head.get() + " before dword " + d + " was written: expected dwords 1-3 stored, then CFGI_CD+CMD_SYNC, then V=1; found dword "
                        + d + " never stored since the CD was last invalid");
                break;
            }
        }
        if (s.body != null && !s.body.done()) {
            report(w, sink, head.get() + " while the store to dword " + s.lastBodyDword
                    + " was not yet invalidated: expected CFGI_CD(SSID " + HwText.hex(ssid) + ") for every stream and a completed CMD_SYNC before V=1; found "
                    + s.body.missing("CFGI_CD"));
        }
        if (m.cdTable.l1Desc != null) {
            PendingInvalidation l1 = l1s.get(new Key(m, ssid >>> CdCode.CTXDESC_SPLIT));
            if (l1 != null && !l1.done()) {
                report(w, sink, head.get() + " while its leaf's L1CD store was not yet invalidated: expected CFGI_CD(Leaf=0)+CMD_SYNC after "
                        + l1.what() + "; found " + l1.missing("CFGI_CD(Leaf=0)"));
            }
        }
    }

    private void report(World w, Consumer<Violation> sink, String msg) {
        sink.accept(new Violation(ID, msg, w.kernel.backtrace(), w.kernel.heldLockNames(), ""));
    }

    /** The SMMU model's decode of the CD at {@code cdBase} now, with {@code dword} replaced by {@code value} (dword -1: as it is). */
    private static CdView decode(World w, long cdBase, int dword, long value) {
        long[] d = new long[Cd.DWORDS];
        for (int i = 0; i < Cd.DWORDS; i++) d[i] = w.mem.read64(cdBase + 8L * i);
        if (dword >= 0) d[dword] = value;
        return w.hw.decodeCd(d);
    }

    /**
     * Live-update releases: one writer call's update is over, the CD now decodes to
     * {@code after}; each synced state in between was the old, the new, or invalid.
     */
    private void finishUpdate(World w, Key key, CdState s, String after, Consumer<Violation> sink) {
        for (int i = 0; i < s.atSyncs.size(); i++) {
            String seen = s.atSyncs.get(i).configuration();
            if (seen.equals(s.before) || seen.equals(after) || !s.atSyncs.get(i).valid()) continue;
            sink.accept(new Violation(ID, HwText.master(key.master()) + " PASID " + HwText.hex(key.index()) + ": CD at "
                    + HwText.hex(s.cdBase) + ": at CMD_SYNC " + (i + 1) + " of the update the SMMU decodes [" + seen
                    + "]: expected the old [" + s.before + "], the new [" + after + "] or invalid", List.of(), List.of(), ""));
            break;
        }
        s.before = null;
        s.call = -1;
        s.atSyncs.clear();
        s.storedSinceSync = false;
        updating.remove(s.seq);
        unsynced.remove(s);
    }

    /** Live-update releases: the step is over, so is every update in it. */
    private void finishUpdates(World w, Consumer<Violation> sink) {
        for (CdState s : List.copyOf(updating.values())) {
            if (!w.mem.isAllocated(s.cdBase)) {
                // The table was freed within the step (release_device): nothing left to decode.
                s.before = null;
                s.atSyncs.clear();
                updating.remove(s.seq);
                unsynced.remove(s);
                continue;
            }
            finishUpdate(w, s.key, s, decode(w, s.cdBase, -1, 0).configuration(), sink);
        }
        updating.clear();
    }

    @Override
    public void afterStep(World w, Consumer<Violation> sink) {
        if (liveUpdates) finishUpdates(w, sink);
        for (CdState s : dword0Stored.values()) {
            if (s.dword0 != null && !s.dword0.done()) {
                sink.accept(new Violation(ID, s.dword0.what() + " but the step ended with " + s.dword0.missing("CFGI_CD")
                        + ": expected CFGI_CD for all the master's streams and a CMD_SYNC before returning", s.dword0.backtrace, s.dword0.locks, ""));
            }
            s.dword0 = null;
        }
        dword0Stored.clear();
        for (PendingInvalidation p : l1s.values()) {
            if (!p.done()) {
                sink.accept(new Violation(ID, p.what() + " but the step ended with " + p.missing("CFGI_CD(Leaf=0)")
                        + ": expected CFGI_CD(Leaf=0) for all the master's streams and a CMD_SYNC", p.backtrace, p.locks, ""));
            }
        }
        l1s.values().removeIf(p -> true);
        openL1s.clear();
    }

    @Override
    public void atTeardown(World w, Consumer<Violation> sink) {
        afterStep(w, sink);
    }
}
