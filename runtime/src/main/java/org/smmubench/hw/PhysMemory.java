package org.smmubench.hw;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import com.carrotsearch.hppc.LongObjectHashMap;

/**
 * Simulated physical memory shared by the driver model and the SMMU: sparse 4 KiB pages of
 * little-endian 64-bit words, materialised only when written. Allocation is a bump allocator
 * that never reuses an address, so any access through a stale pointer to freed memory faults
 * instead of silently reading someone else's data.
 */
public final class PhysMemory {
    public static final int PAGE_SIZE = 4096;
    private static final int PAGE_SHIFT = Integer.numberOfTrailingZeros(PAGE_SIZE);
    private static final int WORDS_PER_PAGE = PAGE_SIZE / 8;
    /** First address handed out; looks like DRAM and keeps 0 (and low memory) unallocated. */
    public static final long BASE = 0x8000_0000L;

    /**
     * Resident pages by page number (pa / PAGE_SIZE), in HPPC's map with a mixing hash: the
     * pages written are mostly the first of 64 KiB tables, so their numbers step by 16, and
     * java.util.HashMap (which only folds the high bits down) put them into a sixteenth of
     * its buckets, searched as tree bins on every access.
     */
    private final LongObjectHashMap<long[]> pages = new LongObjectHashMap<>();
    private final TreeMap<Long, Long> allocations = new TreeMap<>(); // start -> size in bytes
    private final List<MemoryWriteListener> listeners = new ArrayList<>();
    /** The listeners as an array, rebuilt when one is added or removed: a store notifies the set it found, without copying it per store. */
    private MemoryWriteListener[] listenerSnapshot = new MemoryWriteListener[0];
    private final List<MemoryFreeListener> freeListeners = new ArrayList<>();
    private final List<FaultListener> faultListeners = new ArrayList<>();
    private long next = BASE;
    private long allocatedBytes;
    private long allocationCount;
    private long freeCount;
    private long writeCount;
    /** Stores whose listeners have all returned: differs from writeCount while they run. */
    private long notified;

    /** Allocates {@code bytes} (rounded up to 8) at a multiple of {@code align} (a power of two). */
    public long alloc(long bytes, long align) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("alloc of " + bytes + " bytes");
        }
        if (align <= 0 || Long.bitCount(align) != 1) {
            throw new IllegalArgumentException("alignment " + align + " is not a power of two");
        }
        long a = Math.max(align, 8);
        long size = (bytes + 7) & ~7L;
        long pa = (next + a - 1) & ~(a - 1);
        next = pa + size;
        allocations.put(pa, size);
        allocatedBytes += size;
        allocationCount++;
        return pa;
    }

    /** Frees the allocation that starts at {@code pa}; its contents are discarded. */
    public void free(long pa) {
        Long size = allocations.remove(pa);
        if (size == null) {
            throw new MemoryFault(pa, "free of an address that does not start an allocation");
        }
        lastStart = lastEnd = 0;
        allocatedBytes -= size;
        freeCount++;
        for (long page = pa & ~(PAGE_SIZE - 1L); page < pa + size; page += PAGE_SIZE) {
            long[] words = pages.get(pageKey(page));
            if (words == null) {
                continue;
            }
            long from = Math.max(page, pa);
            long to = Math.min(page + PAGE_SIZE, pa + size);
            for (long w = from; w < to; w += 8) {
                words[(int) ((w - page) >>> 3)] = 0;
            }
            if (!anyAllocationTouches(page)) {
                pages.remove(pageKey(page));
            }
        }
        for (MemoryFreeListener l : freeListeners) l.freed(pa, size);
    }

    public boolean isAllocated(long pa) {
        // Accesses come in runs within one allocation (a CD, a leaf, a queue): the last
        // allocation found answers most of them without a search of the whole map.
        if (pa >= lastStart && pa < lastEnd) return true;
        var e = allocations.floorEntry(pa);
        if (e == null || pa >= e.getKey() + e.getValue()) return false;
        lastStart = e.getKey();
        lastEnd = e.getKey() + e.getValue();
        return true;
    }

    /** The allocation isAllocated last found ([lastStart, lastEnd)); emptied by any free. */
    private long lastStart, lastEnd;

    /** Start and size of the allocation containing {@code pa}, or null. */
    public long[] allocationContaining(long pa) {
        var e = allocations.floorEntry(pa);
        return e != null && pa < e.getKey() + e.getValue() ? new long[] {e.getKey(), e.getValue()} : null;
    }

    /** How many allocations were ever freed: with allocationCount, says whether the layout changed. */
    public long freeCount() {
        return freeCount;
    }

    /** How many stores were made: listeners key per-store caches on it. */
    public long writeCount() {
        return writeCount;
    }

    /** True while the write listeners of the latest store run (nothing else can change then). */
    public boolean notifyingListeners() {
        return notified != writeCount;
    }

    /** How many allocations were ever made: changes exactly when a new address range appears. */
    public long allocationCount() {
        return allocationCount;
    }

    public long allocatedBytes() {
        return allocatedBytes;
    }

    /** Pages currently backed by storage (written since allocation). */
    public int residentPages() {
        return pages.size();
    }

    public void addWriteListener(MemoryWriteListener l) {
        listeners.add(l);
        listenerSnapshot = listeners.toArray(new MemoryWriteListener[0]);
    }

    public void addFreeListener(MemoryFreeListener l) {
        freeListeners.add(l);
    }

    /**
     * Told of every faulting access just before its {@link MemoryFault} is thrown. The SMMU
     * model catches the faults of its own fetches; code running on the CPU has nothing to
     * catch them with, so whoever models that CPU listens here to say what it was doing.
     */
    @FunctionalInterface
    public interface FaultListener {
        void onFault(long pa, String what);
    }

    public void addFaultListener(FaultListener l) {
        faultListeners.add(l);
    }

    /** Start and size of the allocation that starts at or below {@code pa} (it may have ended before it), or null. */
    public long[] allocationAtOrBelow(long pa) {
        var e = allocations.floorEntry(pa);
        return e == null ? null : new long[] {e.getKey(), e.getValue()};
    }

    public void removeWriteListener(MemoryWriteListener l) {
        listeners.remove(l);
        listenerSnapshot = listeners.toArray(new MemoryWriteListener[0]);
    }

    /**
     * read64 for a caller that already knows [pa, pa + 8) is allocated (one allocationContaining
     * for a whole entry instead of a lookup per word): the invariants compare cached entries
     * with memory after every step.
     */
    public long read64Allocated(long pa) {
        return read64Unchecked(pa);
    }

    public long read64(long pa) {
        check(pa, 8);
        long[] words = pages.get(pageKey(pa));
        return words == null ? 0 : words[wordIndex(pa)];
    }

    public void write64(long pa, long value) {
        check(pa, 8);
        long[] words = residentPage(pageKey(pa));
        int i = wordIndex(pa);
        long old = words[i];
        words[i] = value;
        writeCount++;
        try {
            for (MemoryWriteListener l : listenerSnapshot) {
                l.onWrite(pa, old, value);
            }
        } finally {
            notified = writeCount;
        }
    }

    public int read32(long pa) {
        check(pa, 4);
        long word = read64Unchecked(pa & ~7L);
        return (int) ((pa & 4) == 0 ? word : word >>> 32);
    }

    public void write32(long pa, int v) {
        check(pa, 4);
        long wpa = pa & ~7L;
        long old = read64Unchecked(wpa);
        long updated = (pa & 4) == 0
                ? (old & 0xffff_ffff_0000_0000L) | (v & 0xffff_ffffL)
                : (old & 0x0000_0000_ffff_ffffL) | ((long) v << 32);
        long[] words = residentPage(pageKey(wpa));
        words[wordIndex(wpa)] = updated;
        writeCount++;
        try {
            for (MemoryWriteListener l : listenerSnapshot) {
                l.onWrite(wpa, old, updated);
            }
        } finally {
            notified = writeCount;
        }
    }

    /** Reads {@code n} consecutive 64-bit words starting at {@code pa}. */
    /**
     * Whether the page holding {@code pa} was ever written since it was last freed. A page
     * that is not resident reads as zero, so scans of large sparse tables (a 64 KiB CD leaf
     * with one CD in it) can skip it without reading each word.
     */
    public boolean isResident(long pa) {
        return pages.containsKey(pageKey(pa));
    }

    public long[] readWords(long pa, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = read64(pa + 8L * i);
        }
        return out;
    }

    /** Writes consecutive 64-bit words starting at {@code pa}, lowest address first. */
    public void writeWords(long pa, long[] words) {
        for (int i = 0; i < words.length; i++) {
            write64(pa + 8L * i, words[i]);
        }
    }

    private long read64Unchecked(long pa) {
        long[] words = pages.get(pageKey(pa));
        return words == null ? 0 : words[wordIndex(pa)];
    }

    private static long pageKey(long pa) {
        return pa >>> PAGE_SHIFT;
    }

    private static int wordIndex(long pa) {
        return (int) ((pa & (PAGE_SIZE - 1)) >>> 3);
    }

    private long[] residentPage(long key) {
        long[] words = pages.get(key);
        if (words == null) pages.put(key, words = new long[WORDS_PER_PAGE]);
        return words;
    }

    private void check(long pa, int size) {
        if ((pa & (size - 1)) != 0) throw fault(pa, size * 8 + "-bit access misaligned");
        if (!isAllocated(pa)) throw fault(pa, "access to unallocated or freed memory");
    }

    private MemoryFault fault(long pa, String what) {
        for (FaultListener l : faultListeners) l.onFault(pa, what);
        return new MemoryFault(pa, what);
    }

    private boolean anyAllocationTouches(long page) {
        var below = allocations.floorEntry(page + PAGE_SIZE - 1);
        return below != null && below.getKey() + below.getValue() > page;
    }
}
