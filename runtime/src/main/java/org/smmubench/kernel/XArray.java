package org.smmubench.kernel;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An allocating xarray (DEFINE_XARRAY_ALLOC / ALLOC1): ids handed out lowest-free-first.
 * xa_alloc and xa_insert allocate internal nodes, so with a sleeping GFP they are
 * sleeping operations; both are failure-injection sites when the caller names one.
 */
public final class XArray<V> {
    private final Kernel kernel;
    private final String name;
    private final int base;
    private final TreeMap<Integer, V> entries = new TreeMap<>();
    /** Stores and erases so far: observers compare it to skip re-reading an unchanged array. */
    private long changes;
    /** Told the index of every store and erase (the invariants' dirty tracking). */
    private final java.util.List<java.util.function.IntConsumer> observers = new java.util.ArrayList<>();

    XArray(Kernel kernel, String name, int base) {
        if (base != 0 && base != 1) {
            throw new IllegalArgumentException("xarray base must be 0 or 1, got " + base);
        }
        this.kernel = kernel;
        this.name = name;
        this.base = base;
    }

    public String name() { return name; }

    /** 1 for DEFINE_XARRAY_ALLOC1: index 0 is never handed out. */
    public int base() { return base; }

    /**
     * xa_alloc: stores entry at the lowest free index in [min, max] and returns it, or
     * -ENOMEM (injected allocation failure) or -EBUSY (no free index in the range).
     */
    public int alloc(String site, String device, V entry, int min, int max, Gfp gfp) {
        Objects.requireNonNull(entry, "xa_alloc of a NULL entry");
        try (Frame f = kernel.enterInternal("xa_alloc")) {
            kernel.allocSleepCheck(gfp, "xa_alloc");
            if (kernel.inject(site, device)) {
                return -Errno.ENOMEM;
            }
            long id = Math.max(min, base);
            while (id <= max && entries.containsKey((int) id)) {
                id++;
            }
            if (id > max) {
                return -Errno.EBUSY;
            }
            entries.put((int) id, entry);
            changed((int) id);
            return (int) id;
        }
    }

    /** xa_insert: 0, -EBUSY when index is occupied, -ENOMEM on injected failure. */
    public int insert(String site, String device, int index, V entry, Gfp gfp) {
        Objects.requireNonNull(entry, "xa_insert of a NULL entry");
        try (Frame f = kernel.enterInternal("xa_insert")) {
            kernel.allocSleepCheck(gfp, "xa_insert");
            if (kernel.inject(site, device)) {
                return -Errno.ENOMEM;
            }
            if (entries.containsKey(index)) {
                return -Errno.EBUSY;
            }
            entries.put(index, entry);
            changed(index);
            return 0;
        }
    }

    /** xa_load: the entry at index, or null. */
    public V load(int index) { return entries.get(index); }

    /** xa_erase: removes and returns the old entry, or null. */
    public V erase(int index) {
        V old = entries.remove(index);
        if (old != null) changed(index);
        return old;
    }

    private void changed(int index) {
        changes++;
        for (java.util.function.IntConsumer o : observers) o.accept(index);
    }

    /** How many stores and erases changed the array so far (equal counts: same entries). */
    public long changeCount() { return changes; }

    /** Registers an observer told every changed index (model instrumentation, not kernel API). */
    public void addChangeObserver(java.util.function.IntConsumer observer) {
        observers.add(observer);
    }

    public int size() { return entries.size(); }

    public boolean isEmpty() { return entries.isEmpty(); }

    /** A read-only view, sorted by index. */
    public SortedMap<Integer, V> entries() { return Collections.unmodifiableSortedMap(entries); }

    @Override
    public String toString() { return "xarray(" + name + ")" + entries.keySet(); }
}
