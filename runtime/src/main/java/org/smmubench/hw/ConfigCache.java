package org.smmubench.hw;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.smmubench.hw.ConfigEntry.Kind;

/**
 * The SMMU's configuration cache: STEs by SID, L1STDs by L1 index, CDs by (SID, CD index),
 * L1CDs by (SID, L1 index). Filled on use; an entry only goes after an architected CFGI
 * covering it has been consumed <em>and</em> a later CMD_SYNC has completed.
 * Read-only to everyone outside the package.
 */
public final class ConfigCache {
    private record Key(Kind kind, int sid, long index) {
    }

    private static final class Slot {
        final long address;
        final long[] dwords;
        final long filledAt;
        final boolean singleCd; // CD fetched from an STE with S1CDMax=0: CFGI_CD ignores the SSID
        boolean pending;

        Slot(long address, long[] dwords, long filledAt, boolean singleCd) {
            this.address = address;
            this.dwords = dwords.clone();
            this.filledAt = filledAt;
            this.singleCd = singleCd;
        }
    }

    private final Map<Key, Slot> slots = new LinkedHashMap<>();

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
        Slot s = new Slot(address, dwords, seq, singleCd);
        slots.put(k, s);
        changed(k);
        return view(k, s);
    }

    /** Marks every entry matching the predicate for removal at the next CMD_SYNC. */
    void markPending(Predicate<ConfigEntry> which) {
        slots.forEach((k, s) -> {
            if (!s.pending && which.test(view(k, s))) {
                s.pending = true;
                changed(k);
            }
        });
    }

    void invalidateSte(int sid) {
        markPending(e -> e.kind() == Kind.STE && e.sid() == sid);
    }

    void invalidateL1Std(long l1Index) {
        markPending(e -> e.kind() == Kind.L1STD && e.index() == l1Index);
    }

    /** CFGI_CD: the CD for (sid, ssid), and the single CD of an S1CDMax=0 table. */
    void invalidateCd(int sid, long ssid) {
        slots.forEach((k, s) -> {
            if (!s.pending && k.kind == Kind.CD && k.sid == sid && (k.index == ssid || s.singleCd)) {
                s.pending = true;
                changed(k);
            }
        });
    }

    void invalidateCdAll(int sid) {
        markPending(e -> (e.kind() == Kind.CD || e.kind() == Kind.L1CD) && e.sid() == sid);
    }

    void invalidateAll() {
        slots.forEach((k, s) -> {
            if (!s.pending) {
                s.pending = true;
                changed(k);
            }
        });
    }

    /** CMD_SYNC completion: pending invalidations take effect. */
    void commitPending() {
        if (observers.isEmpty()) {
            slots.values().removeIf(s -> s.pending);
            return;
        }
        List<Key> gone = new ArrayList<>();
        slots.entrySet().removeIf(e -> e.getValue().pending && gone.add(e.getKey()));
        gone.forEach(this::changed);
    }

    private static Key key(Kind kind, int sid, long index) {
        return new Key(kind, kind == Kind.L1STD ? -1 : sid, index);
    }

    private static ConfigEntry view(Key k, Slot s) {
        return new ConfigEntry(k.kind, k.sid, k.index, s.address, s.dwords, s.pending, s.filledAt);
    }
}
