package org.smmubench.check;

import org.smmubench.kernel.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuStream;
import org.smmubench.driver.CdTableCfg;
import org.smmubench.driver.StrtabCode;
import org.smmubench.hw.SteView;
import org.smmubench.hw.field.Ste;

/**
 * ste-write-order. For every probed StreamID it watches the
 * stores to its STE and the commands:
 * <ul>
 * <li>a translating dword 0 (V=1, Config S1/S2/nested) is stored only after the body
 *     (dwords 1-2) was stored and covered by CFGI_STE+CMD_SYNC, and never over a live
 *     translating dword 0 (6.8 BUG()s there: changes go through abort or bypass);</li>
 * <li>the body of a live translating STE is never rewritten in place;</li>
 * <li>every store is followed by CFGI_STE and a CMD_SYNC before the step ends (abort and
 *     bypass STEs: one round after the whole entry is written);</li>
 * <li>an S1 STE's S1ContextPtr, S1Fmt and S1CDMax equal the master's cd_table, at the store
 *     and after every step.</li>
 * </ul>
 * Stores made while a stream is not yet probed (table initialisation) are not watched.
 *
 * <p>On a release with the 6.9+ entry writer ({@code Release.liveUpdates}) a hitless update of
 * a live STE is legal (v6.11 changes S1DSS and EATS of a live CD-table STE when PASIDs come and
 * go), so the two fixed-order rules (no in-place body rewrite, no live-to-live dword 0) are
 * v6.8's only; the coverage and cd_table rules hold on every release. This invariant does not
 * decode the STE at each sync on those releases: the ported KUnit cases check the writer so.
 */
public final class SteWriteOrder implements IncrementalInvariant {
    public static final String ID = "ste-write-order";

    private static final class SteState {
        PendingInvalidation body;
        /** Dwords 1 and 2 stored since the last dword-0 store. */
        boolean bodyStoredSinceD0;
        PendingInvalidation any;
    }

    private final Map<Integer, SteState> stes = new TreeMap<>();
    /** SIDs whose last store still waits for its step-end check (every STE is written at probe: never walk them all). */
    private final java.util.TreeSet<Integer> stored = new java.util.TreeSet<>();
    /** STEs with an invalidation still pending, fed the commands (done ones are dropped as found). */
    private final java.util.Set<SteState> open = new java.util.LinkedHashSet<>();
    private long stepEndAt = -1;
    /** The entry writer's rule (6.9+) instead of v6.8's store order; decided once per bench. */
    private boolean liveUpdates;
    private List<Violation> stepEnd = List.of();

    @Override
    public String id() { return ID; }

    @Override
    public void attach(World w, Consumer<Violation> sink) {
        liveUpdates = org.smmubench.driver.tree.Releases.runBy(w.driver.functions()).liveUpdates();
        w.mem.addWriteListener((pa, oldValue, newValue) -> {
            ArmSmmuStream s = SteIndex.of(w).streamAt(w, pa);
            if (s == null) return;
            long ste = StrtabCode.getStepForSid(w.driver.smmu, s.id());
            onStore(w, s, ste, (int) ((pa - ste) / 8), oldValue, newValue, sink);
        });
        w.hw.addCommandListener(PendingInvalidation.feeding(this::pending));
    }

    private List<PendingInvalidation> pending() {
        List<PendingInvalidation> out = new ArrayList<>();
        for (var it = open.iterator(); it.hasNext();) {
            SteState s = it.next();
            boolean waiting = false;
            if (s.body != null && !s.body.done()) {
                out.add(s.body);
                waiting = true;
            }
            if (s.any != null && !s.any.done()) {
                out.add(s.any);
                waiting = true;
            }
            if (!waiting) it.remove();
        }
        return out;
    }

    static boolean translating(long d0) {
        if (!Ste.V.isSet(d0)) return false;
        long cfg = Ste.CONFIG.extract(d0);
        return cfg == Ste.CONFIG_S1_TRANS || cfg == Ste.CONFIG_S2_TRANS || cfg == Ste.CONFIG_NESTED;
    }

    private void onStore(World w, ArmSmmuStream stream, long steAddr, int dword, long oldValue, long newValue, Consumer<Violation> sink) {
        int sid = stream.id();
        SteState s = stes.computeIfAbsent(sid, k -> new SteState());
        String where = HwText.master(stream.master()) + ": STE at " + HwText.hex(steAddr);
        List<String> bt = w.kernel.backtrace();
        List<String> locks = w.kernel.heldLockNames();
        PendingInvalidation.Coverage cover = (c, x) -> CfgiCoverage.ste(c, x);
        String stored = "dword " + dword + " stored (" + HwText.hex(oldValue) + " -> " + HwText.hex(newValue) + ")";
        s.any = new PendingInvalidation(where + ": " + stored, List.of(sid), cover, bt, locks);
        this.stored.add(sid);
        open.add(s);
        if (dword != 0) {
            long d0 = w.mem.read64(steAddr);
            if (!liveUpdates && translating(d0) && oldValue != newValue) {
                report(w, sink, where + ": " + stored + " while dword 0 is live and translating (" + config(d0)
                        + "): expected the body to change only while dword 0 is abort, bypass or invalid; found an in-place rewrite");
            }
            if (dword <= 2) s.bodyStoredSinceD0 = true;
            s.body = new PendingInvalidation(where, List.of(sid), cover, bt, locks);
            return;
        }
        if (translating(newValue)) {
            if (!liveUpdates && translating(oldValue) && oldValue != newValue) {
                report(w, sink, where + ": dword 0 rewritten from live " + config(oldValue) + " straight to " + config(newValue)
                        + ": expected the STE to go through abort or bypass first (6.8 BUG()s on a live translating STE)");
            }
            if (!s.bodyStoredSinceD0) {
                report(w, sink, where + ": translating dword 0 stored (" + config(newValue)
                        + ") without storing the body first: expected body, CFGI_STE+CMD_SYNC, then dword 0; found no store to dwords 1-2 since the previous dword 0");
            } else if (s.body != null && !s.body.done()) {
                report(w, sink, where + ": translating dword 0 stored (" + config(newValue)
                        + ") before the body stores were invalidated: expected CFGI_STE(SID " + HwText.hex(sid) + ")+CMD_SYNC between body and dword 0; found "
                        + s.body.missing("CFGI_STE"));
            }
            if (Ste.CONFIG.extract(newValue) == Ste.CONFIG_S1_TRANS) {
                String bad = s1Mismatch(stream.master(), newValue);
                if (bad != null) report(w, sink, where + ": S1 dword 0 stored " + bad);
            }
        }
        s.bodyStoredSinceD0 = false;
    }

    /** Null when the S1 fields match the master's cd_table, else what differs. */
    private static String s1Mismatch(ArmSmmuMaster m, long d0) {
        CdTableCfg t = m.cdTable;
        long ptr = Ste.S1_CONTEXT_PTR.extractAddress(d0);
        long fmt = Ste.S1FMT.extract(d0);
        long cdmax = Ste.S1CDMAX.extract(d0);
        if (t.cdtab == null) return "but the master has no CD table: expected no S1 STE; found S1ContextPtr=" + HwText.hex(ptr);
        List<String> diffs = new ArrayList<>();
        if (ptr != t.cdtab.dma()) diffs.add("S1ContextPtr " + HwText.hex(t.cdtab.dma()) + " vs " + HwText.hex(ptr));
        if (fmt != t.s1fmt) diffs.add("S1Fmt " + t.s1fmt + " vs " + fmt);
        if (cdmax != t.s1cdmax) diffs.add("S1CDMax " + t.s1cdmax + " vs " + cdmax);
        if (diffs.isEmpty()) return null;
        return "that does not match the master's cd_table (expected vs found): " + String.join(", ", diffs);
    }

    private static String config(long d0) {
        long cfg = Ste.CONFIG.extract(d0);
        String name = cfg == Ste.CONFIG_S1_TRANS ? "S1_TRANS" : cfg == Ste.CONFIG_S2_TRANS ? "S2_TRANS"
                : cfg == Ste.CONFIG_NESTED ? "NESTED" : cfg == Ste.CONFIG_BYPASS ? "BYPASS" : "ABORT";
        if (cfg == Ste.CONFIG_S1_TRANS) name += " S1ContextPtr=" + HwText.hex(Ste.S1_CONTEXT_PTR.extractAddress(d0));
        return "Config=" + name;
    }

    private static void report(World w, Consumer<Violation> sink, String msg) {
        sink.accept(new Violation(ID, msg, w.kernel.backtrace(), w.kernel.heldLockNames(), ""));
    }

    @Override
    public void afterStep(World w, Consumer<Violation> sink) {
        reportStepEnd(w, sink);
        checkS1(w, w.driver.smmu.streams.values(), sink);
    }

    /** The S1 fields of the touched masters' STEs only: an STE or cd_table changes with a store the scope sees. */
    @Override
    public void afterStep(World w, StepScope scope, Consumer<Violation> sink) {
        reportStepEnd(w, sink);
        if (scope.everything()) {
            checkS1(w, w.driver.smmu.streams.values(), sink);
            return;
        }
        java.util.TreeMap<Integer, ArmSmmuStream> touched = new java.util.TreeMap<>();
        for (ArmSmmuMaster m : scope.liveMasters()) for (ArmSmmuStream s : m.streams) touched.put(s.id(), s);
        checkS1(w, touched.values(), sink);
    }

    /** Stores whose CFGI_STE+CMD_SYNC never came this step; worked out once per step, whichever form asks. */
    private void reportStepEnd(World w, Consumer<Violation> sink) {
        if (stepEndAt != w.stepSerial()) {
            stepEndAt = w.stepSerial();
            List<Violation> out = new ArrayList<>();
            for (int sid : stored) {
                SteState s = stes.get(sid);
                if (s.any != null && !s.any.done()) {
                    out.add(new Violation(ID, s.any.what() + " but the step ended with " + s.any.missing("CFGI_STE")
                            + ": expected CFGI_STE and a CMD_SYNC after every STE change", s.any.backtrace, s.any.locks, ""));
                }
                s.any = null;
            }
            stored.clear();
            stepEnd = out;
        }
        stepEnd.forEach(sink);
    }

    private void checkS1(World w, java.util.Collection<ArmSmmuStream> streams, Consumer<Violation> sink) {
        for (ArmSmmuStream stream : streams) {
            if (w.driver.smmu.streams.get(stream.id()) != stream) continue;
            SteView ste = w.hw.readSteFromMemory(stream.id());
            if (!ste.valid() || !ste.isS1()) continue;
            String bad = s1Mismatch(stream.master(), ste.dwords()[0]);
            if (bad != null) sink.accept(Violation.ofState(ID, HwText.master(stream.master()) + ": live S1 STE " + bad));
        }
    }

    @Override
    public void atTeardown(World w, Consumer<Violation> sink) {
        for (SteState s : stes.values()) {
            if (s.any != null && !s.any.done()) {
                sink.accept(new Violation(ID, s.any.what() + " but teardown ended with " + s.any.missing("CFGI_STE")
                        + ": expected CFGI_STE and a CMD_SYNC after every STE change", s.any.backtrace, s.any.locks, ""));
            }
        }
    }
}
