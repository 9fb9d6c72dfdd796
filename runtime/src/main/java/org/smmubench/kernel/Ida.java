package org.smmubench.kernel;

import java.util.BitSet;

/** An IDA: lowest-free integer ids in a range (the core's global PASID allocator). */
public final class Ida {
    private final Kernel kernel;
    private final String name;
    private final BitSet used = new BitSet();
    private final java.util.List<java.util.function.IntConsumer> observers = new java.util.ArrayList<>();

    Ida(Kernel kernel, String name) {
        this.kernel = kernel;
        this.name = name;
    }

    public String name() { return name; }

    /** ida_alloc_range(min, max, GFP_KERNEL): the lowest free id, or -ENOSPC. */
    public int allocRange(int min, int max) { return allocRange(min, max, Gfp.GFP_KERNEL); }

    public int allocRange(int min, int max, Gfp gfp) {
        try (Frame f = kernel.enterInternal("ida_alloc_range")) {
            kernel.allocSleepCheck(gfp, "ida_alloc_range");
            int id = used.nextClearBit(Math.max(min, 0));
            if (id > max || id < 0) {
                return -Errno.ENOSPC;
            }
            used.set(id);
            changed(id);
            return id;
        }
    }

    /** ida_free: freeing an id that is not allocated WARNs, as the kernel does. */
    public void free(int id) {
        if (id < 0 || !used.get(id)) {
            kernel.warn("ida_free called for id=" + id + " which is not allocated (" + name + ")");
            return;
        }
        used.clear(id);
        changed(id);
    }

    private void changed(int id) {
        for (java.util.function.IntConsumer o : observers) o.accept(id);
    }

    /** Registers an observer told every id allocated or freed (model instrumentation, not kernel API). */
    public void addChangeObserver(java.util.function.IntConsumer observer) {
        observers.add(observer);
    }

    public boolean isAllocated(int id) { return id >= 0 && used.get(id); }

    public int count() { return used.cardinality(); }
}
