package org.smmubench.hw;

import org.smmubench.hw.field.Regs.QBase;
import org.smmubench.hw.field.Regs.QPtr;

/**
 * A circular queue in simulated memory as the SMMU sees it: base register plus PROD/CONS
 * pointers with a wrap bit above the index (smmuv3-arch §1.5).
 */
final class Queue {
    private final int entryBytes;
    private final int maxShift;
    long base;
    int prod;
    int cons;

    Queue(int entryBytes, int maxShift) {
        this.entryBytes = entryBytes;
        this.maxShift = maxShift;
    }

    int log2Size() {
        return (int) Math.min(QBase.LOG2SIZE.extract(base), maxShift);
    }

    long baseAddress() {
        return QBase.ADDR.extractAddress(base);
    }

    /** The base must be aligned to the queue's size in bytes (smaller than 32 B: to 32 B). */
    boolean baseAligned() {
        long bytes = Math.max((long) entryBytes << log2Size(), 32);
        return (baseAddress() & (bytes - 1)) == 0;
    }

    int entries() {
        return 1 << log2Size();
    }

    /** Index+wrap of a pointer value, ignoring flag bits above. */
    int position(int ptr) {
        return (int) QPtr.indexAndWrap(log2Size()).extract(ptr);
    }

    int index(int ptr) {
        return position(ptr) & (entries() - 1);
    }

    boolean empty() {
        return position(prod) == position(cons);
    }

    boolean full() {
        return index(prod) == index(cons) && position(prod) != position(cons);
    }

    /** Pointer value one entry past {@code ptr}, wrap bit toggling at the end; flag bits are kept. */
    int advance(int ptr) {
        int mask = (entries() << 1) - 1;
        int pos = (position(ptr) + 1) & mask;
        return (ptr & ~mask) | pos;
    }

    long entryAddress(int ptr) {
        return baseAddress() + (long) index(ptr) * entryBytes;
    }
}
