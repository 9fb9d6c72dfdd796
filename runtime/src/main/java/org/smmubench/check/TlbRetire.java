package org.smmubench.check;

import org.smmubench.kernel.Violation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.CtxDesc;
import org.smmubench.hw.Command;
import org.smmubench.hw.CommandListener;
import org.smmubench.hw.field.Cd;
import org.smmubench.hw.field.Cmd;
import org.smmubench.hw.field.Opcode;

/**
 * tlb-retire. A shared context is retired when its ASID leaves
 * arm_smmu_asid_xa (last notifier put, after mm_release or not). By then:
 * <ul>
 * <li>no CD still translates with that ASID (V=1, EPD0=0): the CDs were cleared or quiesced;</li>
 * <li>every CD that stopped translating with it was followed by a TLBI by that ASID
 *     (NH_ASID or EL2_ASID, or a wider TLBI) and a completed CMD_SYNC, in that order;</li>
 * <li>for an ATS master, by an ATC_INV of that PASID (whole range) and a CMD_SYNC.</li>
 * </ul>
 * The xarray has no hook, so it is compared with a snapshot at every store, command, and
 * step end: a removal is seen at the first event after it, which is still before any reuse.
 */
public final class TlbRetire implements Invariant {
    public static final String ID = "tlb-retire";

    private record CdKey(ArmSmmuMaster master, int ssid) {}

    /** A CD that stopped translating with an ASID, waiting for its TLBI (and ATC_INV). */
    private static final class Retiring {
        final String where;
        final boolean ats;
        boolean tlbiSeen;
        boolean tlbiDone;
        final List<Integer> atcSids;
        final int pasid;
        final List<Integer> atcSeen = new ArrayList<>();
        boolean atcDone;

        Retiring(String where, boolean ats, List<Integer> sids, int pasid) {
            this.where = where;
            this.ats = ats;
            this.atcSids = sids;
            this.pasid = pasid;
            this.atcDone = !ats;
        }
    }

    /** Last dword 0 stored in each CD (every CD store happens after attach, so this is complete). */
    private final Map<CdKey, Long> dword0 = new LinkedHashMap<>();
    /** ASID -> CDs that stopped using it and still wait for invalidation. */
    private final Map<Integer, List<Retiring>> retiring = new TreeMap<>();
    /** Shared contexts in the ASID xarray at the last event. */
    private final Map<Integer, CtxDesc> shared = new TreeMap<>();
    /**
     * ASIDs to look at on the next poll: those the xarray changed since the last one, and those
     * whose context had no mm yet when last looked at this step (the driver names the mm just
     * after inserting a shared context). Polling only these keeps a poll, which runs at every
     * store and command, from costing the size of the xarray (one private ASID per domain).
     */
    private final java.util.TreeSet<Integer> recheck = new java.util.TreeSet<>();
    private final java.util.TreeSet<Integer> mmless = new java.util.TreeSet<>();
    /** The keys of {@link #dword0} whose last dword 0 translates, by ASID: a retirement looks only at its own. */
    private final Map<Integer, java.util.Set<CdKey>> translatingByAsid = new java.util.HashMap<>();
    /** Insertion order of {@link #dword0}'s keys, to report in it. */
    private final Map<CdKey, Integer> order = new java.util.HashMap<>();

    @Override
    public String id() { return ID; }

    @Override
    public void attach(World w, Consumer<Violation> sink) {
        w.driver.asidXa.addChangeObserver(recheck::add);
        w.mem.addWriteListener((pa, oldValue, newValue) -> {
            poll(w, sink);
            HwMasters.locate(w, pa).ifPresent(word -> {
                if (!word.l1() && word.dword() == 0) onDword0(word.master(), word.index(), oldValue, newValue);
            });
        });
        w.hw.addCommandListener(new CommandListener() {
            @Override
            public void onCommand(Command c) {
                poll(w, sink);
                onCmd(c);
            }

            @Override
            public void onSyncComplete(Command sync) {
                for (List<Retiring> l : retiring.values()) {
                    for (Retiring r : l) {
                        if (r.tlbiSeen) r.tlbiDone = true;
                        if (r.ats && r.atcSeen.containsAll(r.atcSids)) r.atcDone = true;
                    }
                    l.removeIf(r -> r.tlbiDone && r.atcDone);
                }
            }
        });
    }

    private static boolean translating(long d0) { return Cd.V.isSet(d0) && !Cd.EPD0.isSet(d0); }

    private void onDword0(ArmSmmuMaster m, int ssid, long oldValue, long newValue) {
        CdKey key = new CdKey(m, ssid);
        Long before = dword0.put(key, newValue);
        order.putIfAbsent(key, order.size());
        if (before != null && translating(before)) {
            var set = translatingByAsid.get((int) Cd.ASID.extract(before));
            if (set != null) set.remove(key);
        }
        if (translating(newValue)) translatingByAsid.computeIfAbsent((int) Cd.ASID.extract(newValue), a -> new java.util.HashSet<>()).add(key);
        if (!translating(oldValue)) return;
        int asid = (int) Cd.ASID.extract(oldValue);
        boolean stillTranslating = translating(newValue);
        if (stillTranslating && Cd.ASID.extract(newValue) == asid) return;
        String where = HwText.master(m) + " PASID " + HwText.hex(ssid);
        // An ASID update (arm_smmu_share_asid) keeps the same tables behind the CD, so the
        // endpoint's ATC stays right; only a CD that stops translating needs ATC_INV.
        retiring.computeIfAbsent(asid, a -> new ArrayList<>())
                .add(new Retiring(where, m.atsEnabled && !stillTranslating, HwMasters.sids(m), ssid));
    }

    private void onCmd(Command c) {
        if (c.error() != 0 || c.opcode() == null) return;
        Opcode op = c.opcode();
        for (Map.Entry<Integer, List<Retiring>> e : retiring.entrySet()) {
            boolean tlbi = switch (op) {
                case TLBI_NH_ASID, TLBI_EL2_ASID -> (int) c.get(Cmd.ASID) == e.getKey();
                case TLBI_NH_ALL, TLBI_NSNH_ALL, TLBI_EL2_ALL -> true;
                default -> false;
            };
            for (Retiring r : e.getValue()) {
                if (tlbi) r.tlbiSeen = true;
                // An ATC_INV only counts once the TLBI went first, or the ATC could refill from the stale TLB.
                if (op == Opcode.ATC_INV && r.ats && r.tlbiDone && c.get(Cmd.SIZE) >= Cmd.ATC_INV_SIZE_ALL
                        && (c.get(Cmd.SSV) == 0 || (int) c.get(Cmd.SSID) == r.pasid)) {
                    r.atcSeen.add((int) c.get(Cmd.SID));
                }
            }
        }
    }

    /** Compares the ASID xarray with the last snapshot; a shared context that left is retired. */
    private void poll(World w, Consumer<Violation> sink) {
        if (recheck.isEmpty() && mmless.isEmpty()) return;
        java.util.TreeSet<Integer> look = new java.util.TreeSet<>(recheck);
        look.addAll(mmless);
        recheck.clear();
        mmless.clear();
        for (int asid : look) {
            CtxDesc cur = w.driver.asidXa.load(asid);
            CtxDesc now = cur != null && cur.mm != null ? cur : null;
            CtxDesc before = shared.get(asid);
            if (before != null && now != before) retired(w, asid, before, sink);
            if (now != null) shared.put(asid, now);
            else shared.remove(asid);
            if (cur != null && cur.mm == null) mmless.add(asid);
        }
    }

    private void retired(World w, int asid, CtxDesc cd, Consumer<Violation> sink) {
        String head = "shared context of " + cd.mm.name() + " (ASID " + asid + ") left arm_smmu_asid_xa";
        List<CdKey> users = new ArrayList<>(translatingByAsid.getOrDefault(asid, java.util.Set.of()));
        users.sort(java.util.Comparator.comparingInt(order::get));
        for (CdKey key : users) {
            Map.Entry<CdKey, Long> e = Map.entry(key, dword0.get(key));
            long d0 = e.getValue();
            if (e.getKey().master().live && translating(d0) && Cd.ASID.extract(d0) == asid) {
                report(w, sink, head + " while the CD of " + HwText.master(e.getKey().master()) + " PASID " + HwText.hex(e.getKey().ssid())
                        + " still translates with it: expected the CD cleared or quiesced first; found dword 0 " + HwText.hex(d0));
            }
        }
        List<Retiring> l = retiring.remove(asid);
        if (l == null) return;
        for (Retiring r : l) {
            if (!r.tlbiDone) {
                report(w, sink, head + " without a TLBI by ASID " + asid + " after the CD of " + r.where
                        + " was cleared: expected TLBI_NH_ASID (or TLBI_EL2_ASID) + CMD_SYNC between the clear and the release; found "
                        + (r.tlbiSeen ? "no CMD_SYNC after the TLBI" : "no TLBI"));
            } else if (!r.atcDone) {
                List<Integer> missing = new ArrayList<>(r.atcSids);
                missing.removeAll(r.atcSeen);
                report(w, sink, head + " without invalidating the ATC of ATS master " + r.where
                        + ": expected ATC_INV(PASID " + HwText.hex(r.pasid) + ", whole range) + CMD_SYNC after the TLBI; found "
                        + (missing.isEmpty() ? "no CMD_SYNC after the ATC_INV" : "no ATC_INV for SID " + HwText.hex(missing.get(0))));
            }
        }
    }

    private static void report(World w, Consumer<Violation> sink, String msg) {
        sink.accept(new Violation(ID, msg, w.kernel.backtrace(), w.kernel.heldLockNames(), ""));
    }

    @Override
    public void afterStep(World w, Consumer<Violation> sink) {
        poll(w, sink);
        // A context still without an mm when its step ends is not a shared one being set up.
        mmless.clear();
    }

    @Override
    public void atTeardown(World w, Consumer<Violation> sink) { poll(w, sink); }
}
