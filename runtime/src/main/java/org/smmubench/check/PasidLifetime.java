package org.smmubench.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.sva.ArmSmmuBond;
import org.smmubench.iommu.IommuGroup;
import org.smmubench.iommu.IommuSva;
import org.smmubench.kernel.Hex;
import org.smmubench.kernel.Violation;

/**
 * pasid-lifetime: a PASID still held by a valid CD, a bond, an SVA handle that has binds
 * left, or a group's pasid_array is never free in the global PASID allocator
 * (iommu_global_pasid_ida), since the next mm to bind would be given it while the device
 * still uses it for the old one. Checked after every step.
 *
 * <p>Incrementally, a PASID's verdict and message (which names every holder) can change only
 * when a holder gains or drops it or the allocator allocates or frees it. So the check keeps
 * which PASIDs each holder (group, master, handle) held when last looked at, re-reads only the
 * holders the step touched (the scope's groups and masters, the handles whose bind count
 * changed), and judges only the PASIDs those holders gained or dropped plus those the
 * allocator changed. A holder's message text is rebuilt, in the full walk's order, only when a
 * PASID is found free.
 */
public final class PasidLifetime implements IncrementalInvariant {
    /** PASID -> holders (groups, masters, handles) holding it, as last read. */
    private final Map<Integer, Set<Object>> holders = new HashMap<>();
    /** Holder -> the PASIDs it held when last read, each with what its holder text depends on (absent: none). */
    private final Map<Object, Map<Integer, Object>> held = new IdentityHashMap<>();
    /** The groups among {@link #held}'s keys: re-read every step without a walk of every holder. */
    private final Set<IommuGroup> heldGroups = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Handles in first-bind order (the order of World.handleBinds). */
    private final Map<IommuSva, Integer> handleOrder = new IdentityHashMap<>();
    /** PASIDs the allocator allocated or freed since the last incremental check. */
    private final Set<Integer> allocatorChanged = new TreeSet<>();
    private int handleCursor;
    private boolean attached;

    @Override
    public String id() { return "pasid-lifetime"; }

    @Override
    public void attach(World w, Consumer<Violation> sink) {
        w.core.observeGlobalPasids(allocatorChanged::add);
        attached = true;
    }

    @Override
    public void afterStep(World w, Consumer<Violation> sink) {
        Map<Integer, List<String>> holders = new TreeMap<>();
        for (IommuGroup g : w.core.groups())
            for (int p : g.pasidArray.keySet()) hold(holders, p, groupHolder(g));
        for (ArmSmmuMaster m : SvaState.liveMasters(w)) masterHolds(m, CdSlots.validDword0(w, m), holders);
        for (Map.Entry<IommuSva, Integer> e : w.handleBinds().entrySet()) {
            int p = handlePasid(e.getKey(), e.getValue());
            if (p > 0) hold(holders, p, handleHolder(e.getKey()));
        }
        for (Map.Entry<Integer, List<String>> e : holders.entrySet()) report(w, e.getKey(), e.getValue(), sink);
    }

    /**
     * Re-reads the touched holders and judges the PASIDs they gained or dropped and those the
     * allocator changed. Before attach (a bench built without listeners) or on a step that
     * touched everything, every holder is re-read.
     */
    @Override
    public void afterStep(World w, StepScope scope, Consumer<Violation> sink) {
        Set<Integer> dirty = new TreeSet<>(allocatorChanged);
        allocatorChanged.clear();
        boolean all = scope.everything() || !attached;
        // Groups: the touched ones, and any holding a PASID (few: those with SVA attached).
        Set<IommuGroup> groups = Collections.newSetFromMap(new IdentityHashMap<>());
        groups.addAll(all ? w.core.groups() : scope.groups());
        groups.addAll(heldGroups);
        // A group or master holding thousands of PASIDs is re-read at the PASIDs the step
        // changed only (StepScope), unless the scope cannot say (null: re-read it all).
        for (IommuGroup g : groups) {
            java.util.SortedSet<Integer> changed = all ? null : scope.pasidArrayChanges(g);
            if (changed != null) {
                reread(g, changed, p -> g.pasidArray.containsKey(p) ? Boolean.TRUE : null, dirty);
                continue;
            }
            Map<Integer, Object> now = new HashMap<>();
            for (int p : g.pasidArray.keySet()) now.put(p, Boolean.TRUE);
            reread(g, now, dirty);
        }
        // Masters: the touched ones (a released one drops what it held).
        List<ArmSmmuMaster> masters = new ArrayList<>(all ? SvaState.liveMasters(w) : scope.masters());
        if (all) for (Object h : List.copyOf(held.keySet())) if (h instanceof ArmSmmuMaster m && !m.live) masters.add(m);
        CdContents cds = CdContents.of(w);
        BondIndex bonds = BondIndex.of(w);
        for (ArmSmmuMaster m : masters) {
            java.util.SortedSet<Integer> changed = all || !m.live ? null : scope.pasids(m);
            Map<Integer, Long> valid = m.live ? cds.validDword0(m) : Map.of();
            if (changed == null || !reread(m, changed, p -> masterPasid(bonds, m, valid, p), dirty)) {
                reread(m, m.live ? masterPasids(m, valid) : Map.of(), dirty);
            }
        }
        // Handles: those whose count changed; all of them when the mms' state may have changed.
        List<IommuSva> handles = new ArrayList<>(w.handleChangesSince(handleCursor));
        handleCursor = w.handleChangeCount();
        for (IommuSva h : handles) handleOrder.putIfAbsent(h, handleOrder.size());
        if (all) handles = new ArrayList<>(w.handleBinds().keySet());
        for (IommuSva h : handles) {
            int p = handlePasid(h, w.handleBinds().getOrDefault(h, 0));
            reread(h, p > 0 ? Map.of(p, h.domain.mm) : Map.of(), dirty);
        }
        for (int p : dirty) {
            Set<Object> hs = holders.get(p);
            if (hs == null || w.core.globalPasidAllocated(p)) continue;
            report(w, p, describe(w, scope, p, hs), sink);
        }
    }

    /**
     * As {@link #reread(Object, Map, Set)}, at {@code pasids} only: what the holder holds at
     * each ({@code now}: null when nothing, {@link #SEVERAL} when only a whole re-read can say).
     * False, having changed nothing, when some PASID needs the whole re-read.
     */
    private boolean reread(Object holder, java.util.SortedSet<Integer> pasids, java.util.function.IntFunction<Object> now, Set<Integer> dirty) {
        Map<Integer, Object> values = new HashMap<>();
        for (int p : pasids) {
            Object v = now.apply(p);
            if (v == SEVERAL) return false;
            if (v != null) values.put(p, v);
        }
        Map<Integer, Object> before = held.get(holder);
        Map<Integer, Object> after = before == null ? new HashMap<>() : before;
        for (int p : pasids) {
            Object was = after.get(p);
            Object is = values.get(p);
            if (java.util.Objects.equals(was, is)) continue;
            dirty.add(p);
            if (is == null) {
                after.remove(p);
                Set<Object> hs = holders.get(p);
                hs.remove(holder);
                if (hs.isEmpty()) holders.remove(p);
            } else {
                after.put(p, is);
                holders.computeIfAbsent(p, x -> Collections.newSetFromMap(new IdentityHashMap<>())).add(holder);
            }
        }
        if (after.isEmpty()) held.remove(holder);
        else held.put(holder, after);
        if (holder instanceof IommuGroup g) {
            if (after.isEmpty()) heldGroups.remove(g);
            else heldGroups.add(g);
        }
        return true;
    }

    /** What {@link #masterPasid} returns when a PASID has several bonds (their order is the list's: re-read it all). */
    private static final Object SEVERAL = new Object();

    /** masterPasids' entry at {@code p}, without a walk of the master's bonds and CDs; null when it holds nothing there. */
    private static Object masterPasid(BondIndex bonds, ArmSmmuMaster m, Map<Integer, Long> validCds, int p) {
        if (p <= 0) return null;
        List<ArmSmmuBond> at = bonds.at(m, p);
        if (at.size() > 1) return SEVERAL;
        List<Object> texts = new ArrayList<>();
        for (ArmSmmuBond b : at) texts.add(b.mm);
        if (validCds.containsKey(p)) texts.add("CD");
        return texts.isEmpty() ? null : texts;
    }

    /**
     * Records what {@code holder} holds now (PASID -> what its text depends on) and marks
     * dirty every PASID whose entry changed, so an unchanged holder costs no judging.
     */
    private void reread(Object holder, Map<Integer, Object> now, Set<Integer> dirty) {
        Map<Integer, Object> before = held.getOrDefault(holder, Map.of());
        if (before.equals(now)) return;
        for (Map.Entry<Integer, Object> e : before.entrySet()) {
            int p = e.getKey();
            if (e.getValue().equals(now.get(p))) continue;
            dirty.add(p);
            if (now.containsKey(p)) continue;
            Set<Object> hs = holders.get(p);
            hs.remove(holder);
            if (hs.isEmpty()) holders.remove(p);
        }
        for (Map.Entry<Integer, Object> e : now.entrySet()) {
            if (e.getValue().equals(before.get(e.getKey()))) continue;
            dirty.add(e.getKey());
            holders.computeIfAbsent(e.getKey(), x -> Collections.newSetFromMap(new IdentityHashMap<>())).add(holder);
        }
        if (now.isEmpty()) held.remove(holder);
        else held.put(holder, new HashMap<>(now));
        if (holder instanceof IommuGroup g) {
            if (now.isEmpty()) heldGroups.remove(g);
            else heldGroups.add(g);
        }
    }

    /** The holder texts of PASID {@code p}, in the full walk's order: groups, live masters, handles. */
    private List<String> describe(World w, StepScope scope, int p, Set<Object> hs) {
        List<IommuGroup> groups = new ArrayList<>();
        List<ArmSmmuMaster> masters = new ArrayList<>();
        List<IommuSva> handles = new ArrayList<>();
        for (Object h : hs) {
            if (h instanceof IommuGroup g) groups.add(g);
            else if (h instanceof ArmSmmuMaster m) masters.add(m);
            else handles.add((IommuSva) h);
        }
        groups.sort(Comparator.comparingInt(scope::groupOrder));
        masters.sort(Comparator.comparingInt(m -> scope.deviceOrder(m.dev)));
        handles.sort(Comparator.comparingInt(handleOrder::get));
        Map<Integer, List<String>> out = new TreeMap<>();
        for (IommuGroup g : groups) hold(out, p, groupHolder(g));
        CdContents cds = CdContents.of(w);
        for (ArmSmmuMaster m : masters) masterHolds(m, cds.validDword0(m), out);
        for (IommuSva h : handles) hold(out, p, handleHolder(h));
        return out.getOrDefault(p, List.of());
    }

    private void report(World w, int pasid, List<String> who, Consumer<Violation> sink) {
        if (w.core.globalPasidAllocated(pasid)) return;
        sink.accept(Violation.ofState(id(), "PASID " + Hex.of(pasid) + ": expected allocated in iommu_global_pasid_ida"
                + " while held by " + String.join(", ", who) + "; found it free"));
    }

    /** A master's holds: its bonds' mms' PASIDs, then its valid CDs', each with its text. */
    private static void masterHolds(ArmSmmuMaster m, Map<Integer, Long> validCds, Map<Integer, List<String>> out) {
        String dev = m.dev.name();
        for (ArmSmmuBond b : SvaState.bonds(m))
            if (b.mm != null && b.mm.mmGetEnqcmdPasid() > 0) hold(out, b.mm.mmGetEnqcmdPasid(), dev + "'s bond for " + b.mm.name());
        for (int p : validCds.keySet()) if (p != 0) hold(out, p, dev + "'s CD");
    }

    /** PASID -> the mms of the master's bonds holding it, then "CD" when a valid CD does (what its texts say). */
    private static Map<Integer, Object> masterPasids(ArmSmmuMaster m, Map<Integer, Long> validCds) {
        Map<Integer, Object> out = new HashMap<>();
        for (ArmSmmuBond b : SvaState.bonds(m)) {
            if (b.mm == null || b.mm.mmGetEnqcmdPasid() <= 0) continue;
            @SuppressWarnings("unchecked")
            List<Object> texts = (List<Object>) out.computeIfAbsent(b.mm.mmGetEnqcmdPasid(), x -> new ArrayList<>());
            texts.add(b.mm);
        }
        for (int p : validCds.keySet()) {
            if (p == 0) continue;
            @SuppressWarnings("unchecked")
            List<Object> texts = (List<Object>) out.computeIfAbsent(p, x -> new ArrayList<>());
            texts.add("CD");
        }
        return out;
    }

    /** The PASID an SVA handle with {@code binds} binds left holds, or 0. */
    private static int handlePasid(IommuSva h, int binds) {
        if (binds <= 0 || h.domain == null || h.domain.mm == null) return 0;
        return Math.max(h.domain.mm.mmGetEnqcmdPasid(), 0);
    }

    private static String groupHolder(IommuGroup g) { return "group " + g.name() + "'s pasid_array"; }

    private static String handleHolder(IommuSva h) { return "the iommu_sva of " + h.dev + " for " + h.domain.mm.name(); }

    private static void hold(Map<Integer, List<String>> holders, int pasid, String who) {
        holders.computeIfAbsent(pasid, p -> new ArrayList<>()).add(who);
    }
}
