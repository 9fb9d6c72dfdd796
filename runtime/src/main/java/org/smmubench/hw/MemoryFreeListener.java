package org.smmubench.hw;

/**
 * Told of every allocation PhysMemory frees, after its contents were discarded (they read as
 * zero from then on): model instrumentation, so a checker of cached copies of memory knows
 * which ones a free may have made stale without a store.
 */
@FunctionalInterface
public interface MemoryFreeListener {
    void freed(long start, long size);
}
