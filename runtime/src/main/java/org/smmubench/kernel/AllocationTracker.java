package org.smmubench.kernel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Live and freed allocations by object identity. Freed objects are remembered (with where
 * they were freed) so a second free or a later use can say where both happened.
 */
final class AllocationTracker {
    record Freed(Allocation allocation, List<String> freeTrace) {}

    private final Map<Object, Allocation> live = new IdentityHashMap<>();
    private final Map<Object, Freed> freed = new IdentityHashMap<>();
    /** Live DMA buffers by bus address: lets a store be attributed to its buffer in O(1). */
    /** By DMA address (aligned: HPPC's mixing hash, not HashMap's, spreads them). */
    private final com.carrotsearch.hppc.LongObjectHashMap<Allocation> liveDma = new com.carrotsearch.hppc.LongObjectHashMap<>();
    private long nextId = 1;

    long nextId() { return nextId++; }

    void track(Allocation a) {
        live.put(a.object(), a);
        freed.remove(a.object());
        if (a.object() instanceof DmaBuffer b) liveDma.put(b.dma(), a);
    }

    Allocation live(Object obj) { return live.get(obj); }

    Freed freed(Object obj) { return freed.get(obj); }

    /** Moves obj from live to freed; the caller checked it is live. */
    Allocation release(Object obj, List<String> freeTrace) {
        Allocation a = live.remove(obj);
        freed.put(obj, new Freed(a, freeTrace));
        if (obj instanceof DmaBuffer b && liveDma.get(b.dma()) == a) liveDma.remove(b.dma());
        return a;
    }

    Allocation liveDmaAt(long dma) { return liveDma.get(dma); }

    List<Allocation> liveAllocations() {
        List<Allocation> out = new ArrayList<>(live.values());
        out.sort(Comparator.comparingLong(Allocation::id));
        return out;
    }
}
