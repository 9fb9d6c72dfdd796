package org.smmubench.driver;

import org.smmubench.hw.PhysMemory;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Kernel;

/**
 * arm_smmu_write_entry and its helpers (arm-smmu-v3.c, 6.9 for STEs, 6.10 for CDs): move a
 * live 8-qword entry to a target without the SMMU ever seeing a torn entry. Only 64-bit stores
 * are atomic for the SMMU, so the writer compares the bits each side uses:
 * <ul>
 * <li>no used bit changes: store the (unused) differences, one sync;</li>
 * <li>exactly one qword's used bits change (hitless): first store every bit the current entry
 *     ignores, sync; then the one critical qword, sync; then clear what the target ignores,
 *     sync;</li>
 * <li>more (breaking): V=0 in qword 0, sync; qwords 1-7, sync; qword 0, sync.</li>
 * </ul>
 * A step that stores nothing issues no sync. The ops supply the used bits, the optional
 * update-safe bits and the sync (CFGI_STE or CFGI_CD plus CMD_SYNC in the driver; a recorder in
 * the KUnit port).
 */
public final class EntryWriter {
    /** NUM_ENTRY_QWORDS: STEs and CDs are both 64 bytes. */
    public static final int NUM_ENTRY_QWORDS = 8;

    /** struct arm_smmu_entry_writer_ops. */
    public interface Ops {
        void getUsed(long[] entry, long[] used);

        /** Whether the writer has a get_update_safe op (6.18.y STE writer). */
        default boolean hasUpdateSafe() { return false; }

        /** get_update_safe: ORs into {@code safe} the used bits that may change in place. */
        default void getUpdateSafe(long[] cur, long[] target, long[] safe) {
            throw new UnsupportedOperationException("this writer has no get_update_safe op");
        }

        void sync();
    }

    /** The 8 qwords being rewritten: an array (KUnit) or simulated memory (the driver). */
    public interface Entry {
        long get(int i);

        /** WRITE_ONCE of one qword: a single 64-bit store. */
        void set(int i, long v);

        default long[] snapshot() {
            long[] a = new long[NUM_ENTRY_QWORDS];
            for (int i = 0; i < a.length; i++) a[i] = get(i);
            return a;
        }

        static Entry of(long[] words) {
            return new Entry() {
                @Override public long get(int i) { return words[i]; }
                @Override public void set(int i, long v) { words[i] = v; }
            };
        }

        static Entry at(PhysMemory mem, long pa) {
            return new Entry() {
                @Override public long get(int i) { return mem.read64(pa + 8L * i); }
                @Override public void set(int i, long v) { mem.write64(pa + 8L * i, v); }
            };
        }
    }

    private final Kernel k;
    private final EntryGeneration gen;

    public EntryWriter(Kernel k, EntryGeneration gen) {
        this.k = k;
        this.gen = gen;
    }

    /**
     * arm_smmu_entry_qword_diff: fills {@code unusedUpdate} with the current entry whose unused
     * (and update-safe) bits already hold the target's values, and returns one bit per qword
     * whose used bits still differ from the target after that.
     */
    int entryQwordDiff(Ops ops, long[] entry, long[] target, long[] unusedUpdate) {
        try (Frame f = k.enter("arm_smmu_entry_qword_diff")) {
            long[] targetUsed = new long[NUM_ENTRY_QWORDS];
            long[] curUsed = new long[NUM_ENTRY_QWORDS];
            long[] safe = new long[NUM_ENTRY_QWORDS];
            ops.getUsed(entry, curUsed);
            ops.getUsed(target, targetUsed);
            if (ops.hasUpdateSafe()) ops.getUpdateSafe(entry, target, safe);
            int usedQwordDiff = 0;
            for (int i = 0; i < NUM_ENTRY_QWORDS; i++) {
                // A safe bit only counts when both sides use it; otherwise the unused side orders it.
                safe[i] &= targetUsed[i] & curUsed[i];
                // The make functions must not set a bit that get_used does not report.
                k.warnOnOnce("arm_smmu_entry_qword_diff", (target[i] & ~targetUsed[i]) != 0, String.format(
                        "arm_smmu_entry_qword_diff: target qword %d sets bits 0x%x its used bits do not cover",
                        i, target[i] & ~targetUsed[i]));
                curUsed[i] &= ~safe[i];
                unusedUpdate[i] = (entry[i] & curUsed[i]) | (target[i] & ~curUsed[i]);
                if ((unusedUpdate[i] & targetUsed[i]) != target[i]) usedQwordDiff |= 1 << i;
            }
            return usedQwordDiff;
        }
    }

    /** entry_set: stores the qwords of [start, start+len) that differ, then one sync if any did. */
    boolean entrySet(Ops ops, Entry entry, long[] target, int start, int len) {
        boolean changed = false;
        for (int i = start; len != 0; len--, i++) {
            if (entry.get(i) != target[i]) {
                entry.set(i, target[i]);
                changed = true;
            }
        }
        if (changed) ops.sync();
        return changed;
    }

    /** arm_smmu_write_entry. */
    public void writeEntry(Ops ops, Entry entry, long[] target) {
        try (Frame f = k.enter("arm_smmu_write_entry")) {
            // 6.18.y starts with dma_wmb() so that tables the entry points to are visible first;
            // the model's stores are visible to the SMMU at once, so there is nothing to order.
            long[] unusedUpdate = new long[NUM_ENTRY_QWORDS];
            int usedQwordDiff = entryQwordDiff(ops, entry.snapshot(), target, unusedUpdate);
            if (Integer.bitCount(usedQwordDiff) == 1) {
                int critical = Integer.numberOfTrailingZeros(usedQwordDiff);
                // The critical qword is written whole in the next step: skipping its unused bits
                // here saves a sync when it is the only qword that changes.
                unusedUpdate[critical] = entry.get(critical);
                entrySet(ops, entry, unusedUpdate, 0, NUM_ENTRY_QWORDS);
                entrySet(ops, entry, target, critical, 1);
                entrySet(ops, entry, target, 0, NUM_ENTRY_QWORDS);
            } else if (usedQwordDiff != 0) {
                unusedUpdate[0] = 0;
                entrySet(ops, entry, unusedUpdate, 0, 1);
                entrySet(ops, entry, target, 1, NUM_ENTRY_QWORDS - 1);
                entrySet(ops, entry, target, 0, 1);
            } else {
                boolean stored = entrySet(ops, entry, target, 0, NUM_ENTRY_QWORDS);
                if (gen.warnOnStoreWithoutUsedChange) {
                    k.warnOnOnce("arm_smmu_write_entry", stored,
                            "arm_smmu_write_entry: no used bit changed but unused bits were stored");
                }
            }
        }
    }
}
