package org.smmubench.check;

import org.smmubench.kernel.Violation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongObjectCursor;

import org.smmubench.hw.ConfigEntry;
import org.smmubench.hw.DmaResult;
import org.smmubench.hw.Provenance;

/**
 * stale-config. When a step ends every cached STE, L1STD, CD and
 * L1CD equals what memory holds at the address it was fetched from: whatever the driver
 * changed, it invalidated and synced. A transaction decided by a cached STE or CD that
 * differs from memory is reported at once.
 *
 * <p>Incrementally: an entry's verdict and message can change only when the entry is filled,
 * marked for invalidation or dropped (the cache tells its observers), or when memory under it
 * is stored to or freed (PhysMemory's listeners). Those entries are marked dirty as it
 * happens, through an index of the 64-byte lines each entry was fetched from, and only they
 * are compared with memory when the step ends, in the cache's own order.
 */
public final class StaleConfig implements IncrementalInvariant {
    public static final String ID = "stale-config";
    private static final int LINE = 64;

    /** A cache entry's identity (sid is -1 for an L1STD, as the cache keys it). */
    private record Key(ConfigEntry.Kind kind, int sid, long index) {}

    /** Where each cached entry lies, with its place in the cache's order (a re-fill keeps it). */
    private record Placed(long address, int words, long order) {}

    private final Map<Key, Placed> placed = new HashMap<>();
    /** Cached entries by 64-byte line (aligned: HPPC's mixing hash, not HashMap's, spreads them). */
    private final LongObjectHashMap<Set<Key>> byLine = new LongObjectHashMap<>();
    private final Set<Key> dirty = new HashSet<>();
    /**
     * The entries found stale at the last check: judged again every step, since their message
     * names the device owning the SID, which a probe or release changes without touching them.
     */
    private final Set<Key> stale = new HashSet<>();
    private long nextOrder;
    private boolean attached;

    @Override
    public String id() { return ID; }

    @Override
    public void attach(World w, Consumer<Violation> sink) {
        w.hw.configCache().addObserver((kind, sid, index) -> cacheChanged(w, new Key(kind, sid, index)));
        w.mem.addWriteListener((pa, oldValue, newValue) -> touch(pa & -LINE));
        w.mem.addFreeListener((start, size) -> {
            if (size / LINE > byLine.size()) {
                for (LongObjectCursor<Set<Key>> e : byLine)
                    if (e.key + LINE > start && e.key < start + size) dirty.addAll(e.value);
            } else {
                for (long line = start & -LINE; line < start + size; line += LINE) touch(line);
            }
        });
        // Whatever the cache already holds (none on a fresh bench) is mirrored and judged first.
        for (ConfigEntry e : w.hw.configCache().entries()) cacheChanged(w, new Key(e.kind(), e.sid(), e.index()));
        attached = true;
    }

    private void touch(long line) {
        Set<Key> keys = byLine.get(line);
        if (keys != null) dirty.addAll(keys);
    }

    /** Keeps the mirror of the cache's keys, order and addresses in step with the cache. */
    private void cacheChanged(World w, Key k) {
        dirty.add(k);
        Optional<ConfigEntry> now = w.hw.configCache().lookup(k.kind(), k.sid(), k.index());
        Placed old = placed.get(k);
        if (old != null && (now.isEmpty() || now.get().address() != old.address() || now.get().dwords().length != old.words())) {
            unindex(k, old);
            if (now.isEmpty()) placed.remove(k);
        }
        if (now.isEmpty()) return;
        ConfigEntry e = now.get();
        if (old != null && e.address() == old.address() && e.dwords().length == old.words()) return;
        Placed p = new Placed(e.address(), e.dwords().length, old != null ? old.order() : nextOrder++);
        placed.put(k, p);
        for (long line = p.address() & -LINE; line < p.address() + 8L * p.words(); line += LINE) {
            Set<Key> keys = byLine.get(line);
            if (keys == null) byLine.put(line, keys = new HashSet<>());
            keys.add(k);
        }
    }

    private void unindex(Key k, Placed p) {
        for (long line = p.address() & -LINE; line < p.address() + 8L * p.words(); line += LINE) {
            Set<Key> keys = byLine.get(line);
            if (keys == null) continue;
            keys.remove(k);
            if (keys.isEmpty()) byLine.remove(line);
        }
    }

    @Override
    public void afterStep(World w, Consumer<Violation> sink) {
        for (ConfigEntry e : w.hw.configCache().entries()) judge(w, e, sink);
    }

    /** The entries filled, invalidated or stored under since the last step, in the cache's order. */
    @Override
    public void afterStep(World w, StepScope scope, Consumer<Violation> sink) {
        if (!attached) {
            afterStep(w, sink);
            return;
        }
        dirty.addAll(stale);
        List<Key> keys = new ArrayList<>();
        for (Key k : dirty) if (placed.containsKey(k)) keys.add(k);
        dirty.clear();
        stale.clear();
        keys.sort(Comparator.comparingLong(k -> placed.get(k).order()));
        for (Key k : keys) {
            w.hw.configCache().lookup(k.kind(), k.sid(), k.index()).ifPresent(e -> {
                if (judge(w, e, sink)) stale.add(k);
            });
        }
    }

    /** Reports {@code e} if it differs from memory; true when it does. */
    private static boolean judge(World w, ConfigEntry e, Consumer<Violation> sink) {
        String diff = diff(w, e);
        if (diff == null) return false;
        sink.accept(Violation.ofState(ID, describe(w, e) + " is stale when the step ends: " + diff
                + (e.pendingInvalidation() ? " (an invalidation is pending: no CMD_SYNC completed after it)" : " (never invalidated)")));
        return true;
    }

    @Override
    public void onDma(World w, DmaObservation dma, Consumer<Violation> sink) {
        Provenance from = dma.result().from();
        // Built only for a report: every DMA passes here.
        java.util.function.Supplier<String> head = () -> dma.device().name() + " " + HwText.pasid(dma.pasid()) + ": DMA " + HwText.access(dma.write()) + " at "
                + HwText.hex(dma.va()) + (dma.result() instanceof DmaResult.Ok ok ? " (pa " + HwText.hex(ok.pa()) + ")" : " (aborted)")
                + " was decided by ";
        if (from.steFromCache() && from.ste() != null) check(w, head, from.ste(), sink);
        if (from.cdFromCache() && from.cd() != null) check(w, head, from.cd(), sink);
    }

    private static void check(World w, java.util.function.Supplier<String> head, ConfigEntry e, Consumer<Violation> sink) {
        String diff = diff(w, e);
        if (diff != null) sink.accept(new Violation(ID, head.get() + "a stale " + describe(w, e) + ": " + diff, List.of(), List.of(), ""));
    }

    /** Null when the entry equals memory, else the first differing dword (expected = memory). */
    private static String diff(World w, ConfigEntry e) {
        long[] cached = e.dwords();
        long[] alloc = w.mem.allocationContaining(e.address());
        if (alloc != null && e.address() + 8L * cached.length <= alloc[0] + alloc[1]) {
            // The whole entry lies in one live allocation: compare without a lookup per word.
            for (int i = 0; i < cached.length; i++) {
                long mem = w.mem.read64Allocated(e.address() + 8L * i);
                if (mem != cached[i]) {
                    return "dword " + i + " expected " + HwText.hex(mem) + " (memory), found " + HwText.hex(cached[i]) + " (cached)";
                }
            }
            return null;
        }
        for (int i = 0; i < cached.length; i++) {
            long addr = e.address() + 8L * i;
            if (!w.mem.isAllocated(addr)) return "its memory at " + HwText.hex(addr) + " was freed";
            long mem = w.mem.read64(addr);
            if (mem != cached[i]) {
                return "dword " + i + " expected " + HwText.hex(mem) + " (memory), found " + HwText.hex(cached[i]) + " (cached)";
            }
        }
        return null;
    }

    private static String describe(World w, ConfigEntry e) {
        return switch (e.kind()) {
            case STE -> "cached STE of " + HwText.stream(w, e.sid()) + " at " + HwText.hex(e.address());
            case L1STD -> "cached L1STD " + e.index() + " (SIDs " + HwText.hex(e.index() << org.smmubench.driver.StrtabCode.STRTAB_SPLIT) + "-) at " + HwText.hex(e.address());
            case CD -> "cached CD of " + HwText.stream(w, e.sid()) + " PASID " + HwText.hex(e.index()) + " at " + HwText.hex(e.address());
            case L1CD -> "cached L1CD " + e.index() + " of " + HwText.stream(w, e.sid()) + " at " + HwText.hex(e.address());
        };
    }
}
