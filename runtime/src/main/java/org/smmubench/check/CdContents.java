package org.smmubench.check;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.SortedMap;

import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.kernel.DmaBuffer;

/**
 * CdSlots.validDword0 remembered per master until something could change the answer: a
 * store into that master's CD table (its listener sees every one), a free anywhere (freed
 * memory reads as zero), a new table, or a new L1 array. An allocation alone cannot change
 * it: PhysMemory never reuses an address and new memory reads as zero, so a new leaf holds
 * no valid CD until a store (which the listener sees) makes one, and the driver only hangs a
 * leaf where there was none (arm_smmu_get_cd_ptr), so no leaf with valid CDs is dropped
 * without a free. Not keying on allocations keeps a probe from rescanning every master. The incremental checks read CD tables
 * through this; the full walks read memory afresh, so cross-check mode also checks this
 * cache. One per bench, via World.shared.
 */
final class CdContents {
    private record Memo(long version, long frees, DmaBuffer cdtab, Object l1Desc, boolean live, SortedMap<Integer, Long> valid) {}

    private final World w;
    private final Map<ArmSmmuMaster, Long> versions = new IdentityHashMap<>();
    private final Map<ArmSmmuMaster, Memo> memos = new IdentityHashMap<>();

    private CdContents(World w) {
        this.w = w;
    }

    static CdContents of(World w) {
        return w.shared(CdContents.class, () -> {
            CdContents c = new CdContents(w);
            w.mem.addWriteListener((pa, oldValue, newValue) ->
                    CdTableIndex.of(w).locate(w, pa).ifPresent(word -> c.versions.merge(word.master(), 1L, Long::sum)));
            return c;
        });
    }

    /** Dword 0 of every valid CD of {@code m}, by SSID (unmodifiable). */
    SortedMap<Integer, Long> validDword0(ArmSmmuMaster m) {
        long version = versions.getOrDefault(m, 0L);
        Memo memo = memos.get(m);
        if (memo != null && memo.version == version && memo.frees == w.mem.freeCount()
                && memo.cdtab == m.cdTable.cdtab && memo.l1Desc == m.cdTable.l1Desc && memo.live == m.live) {
            return memo.valid;
        }
        SortedMap<Integer, Long> valid = Collections.unmodifiableSortedMap(CdSlots.validDword0(m));
        memos.put(m, new Memo(version, w.mem.freeCount(), m.cdTable.cdtab, m.cdTable.l1Desc, m.live, valid));
        return valid;
    }
}
