package org.smmubench.hw;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.smmubench.hw.ConfigEntry.Kind;

/**
 * The SMMU's configuration cache: STEs by SID, L1STDs by L1 index, CDs by (SID, CD index),
 * L1CDs by (SID, L1 index). Filled on use; an entry only goes after an architected CFGI
 * covering it has been consumed <em>and</em> a later CMD_SYNC has completed.
 * Read-only to everyone outside the package.
 *
 * <p>Entries are also indexed by SID (L1STDs under -1), and the entries marked for
 * invalidation are kept aside, so a CFGI by SID and a CMD_SYNC cost the entries of that SID
 * and the pending ones, not the whole cache (which holds a few entries per probed device).
 */
public final class ConfigCache {
    private record Key(Kind kind, int sid, long index) {
    }

    private static final class Slot {
        final long address;
        final long[] dwords;
        final long filledAt;
        final boolean singleCd; // CD fetched from an STE with S1CDMax=0: CFGI_CD ignores the SSID
        /** The key's place in the cache's order: kept by a re-fill, as the map keeps the key's place. */
        final long order;
        boolean pending;

        Slot(long address, long[] dwords, long filledAt, boolean singleCd, long order) {
            this.address = address;
            this.dwords = dwords.clone();
            this.filledAt = filledAt;
            this.singleCd = singleCd;
            this.order = order;
        }
    }

    /** Every entry, in the order its key first went in (entries() and the observers see this order). */
    private final Map<Key, Slot> slots = new LinkedHashMap<>();
    /** The same entries by SID, each SID's in the same relative order. */
    private final Map<Integer, Map<Key, Slot>> bySid = new HashMap<>();
    /** Keys marked for invalidation since the last CMD_SYNC (a re-fill may have cleared the mark since). */
    private final Set<Key> pending = new LinkedHashSet<>();
    private long nextOrder;

    /** Told the key of every entry filled, marked for invalidation or dropped (model instrumentation). */
    public interface Observer {
        void changed(Kind kind, int sid, long index);
    }

    private final List<Observer> observers = new ArrayList<>();

    /** Registers an observer for the invariants, which then look only at the entries that changed. */
    public void addObserver(Observer o) {
        observers.add(o);
    }

    private void changed(Key k) {
        for (Observer o : observers) o.changed(k.kind, k.sid, k.index);
    }

    public List<ConfigEntry> entries() {
        List<ConfigEntry> out = new ArrayList<>(slots.size());
        slots.forEach((k, s) -> out.add(view(k, s)));
        return out;
    }

    public List<ConfigEntry> entries(Kind kind) {
        return entries().stream().filter(e -> e.kind() == kind).toList();
    }

    public Optional<ConfigEntry> lookup(Kind kind, int sid, long index) {
        Key k = key(kind, sid, index);
        Slot s = slots.get(k);
        return s == null ? Optional.empty() : Optional.of(view(k, s));
    }

    public int size() {
        return slots.size();
    }

    // ------------------------------------------------------------ used by the SMMU only

    ConfigEntry fill(Kind kind, int sid, long index, long address, long[] dwords, long seq, boolean singleCd) {
        Key k = key(kind, sid, index);
        Slot old = slots.get(k);
        Slot s = new Slot(address, dwords, seq, singleCd, old != null ? old.order : nextOrder++);
        slots.put(k, s);
        bySid.computeIfAbsent(k.sid, x -> new LinkedHashMap<>()).put(k, s);
        changed(k);
        return view(k, s);
    }

    /** Marks every entry matching the predicate for removal at the next CMD_SYNC (a walk of the whole cache). */
    void markPending(Predicate<ConfigEntry> which) {
        slots.forEach((k, s) -> {
            if (!s.pending && which.test(view(k, s))) mark(k, s);
        });
    }

    /** As above, among the entries of one SID (-1: the L1STDs). */
    private void markPending(int sid, Predicate<Key> which) {
        Map<Key, Slot> of = bySid.get(sid);
        if (of == null) return;
        of.forEach((k, s) -> {
            if (!s.pending && which.test(k)) mark(k, s);
        });
    }

    private void mark(Key k, Slot s) {
        s.pending = true;
        pending.add(k);
        changed(k);
    }

    void invalidateSte(int sid) {
        markPending(sid, k -> k.kind == Kind.STE);
    }

    void invalidateL1Std(long l1Index) {
        markPending(-1, k -> k.kind == Kind.L1STD && k.index == l1Index);
    }

    /** CFGI_CD: the CD for (sid, ssid), and the single CD of an S1CDMax=0 table. */
    void invalidateCd(int sid, long ssid) {
        markPending(sid, k -> k.kind == Kind.CD && (k.index == ssid || slots.get(k).singleCd));
    }

    /** CFGI_CD with Leaf = 0: the L1CD descriptor covering the SSID as well. */
    void invalidateL1Cd(int sid, long l1Index) {
        markPending(sid, k -> k.kind == Kind.L1CD && k.index == l1Index);
    }

    void invalidateCdAll(int sid) {
        markPending(sid, k -> k.kind == Kind.CD || k.kind == Kind.L1CD);
    }

    void invalidateAll() {
        slots.forEach((k, s) -> {
            if (!s.pending) mark(k, s);
        });
    }

    /** CMD_SYNC completion: pending invalidations take effect, in the cache's order. */
    void commitPending() {
        if (pending.isEmpty()) return;
        List<Key> gone = new ArrayList<>(pending.size());
        for (Key k : pending) {
            Slot s = slots.get(k);
            if (s != null && s.pending) gone.add(k);
        }
        pending.clear();
        gone.sort(Comparator.comparingLong(k -> slots.get(k).order));
        for (Key k : gone) {
            slots.remove(k);
            Map<Key, Slot> of = bySid.get(k.sid);
            of.remove(k);
            if (of.isEmpty()) bySid.remove(k.sid);
        }
        if (!observers.isEmpty()) gone.forEach(this::changed);
    }

    private static Key key(Kind kind, int sid, long index) {
        return new Key(kind, kind == Kind.L1STD ? -1 : sid, index);
    }

    private static ConfigEntry view(Key k, Slot s) {
        return new ConfigEntry(k.kind, k.sid, k.index, s.address, s.dwords, s.pending, s.filledAt);
    }
}
