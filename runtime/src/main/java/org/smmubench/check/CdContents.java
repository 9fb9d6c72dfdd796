package org.smmubench.check;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.SortedMap;

import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.kernel.DmaBuffer;

/**
 * CdSlots.validDword0 remembered per master until something could change the answer: a
 * store into that master's CD table (its listener sees every one), an allocation or a free
 * anywhere (a new or dropped leaf), or a new table. The incremental checks read CD tables
 * through this; the full walks read memory afresh, so cross-check mode also checks this
 * cache. One per bench, via World.shared.
 */
final class CdContents {
    private record Memo(long version, long allocations, long frees, DmaBuffer cdtab, boolean live, SortedMap<Integer, Long> valid) {}

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
        if (memo != null && memo.version == version && memo.allocations == w.mem.allocationCount()
                && memo.frees == w.mem.freeCount() && memo.cdtab == m.cdTable.cdtab && memo.live == m.live) {
            return memo.valid;
        }
        SortedMap<Integer, Long> valid = Collections.unmodifiableSortedMap(CdSlots.validDword0(m));
        memos.put(m, new Memo(version, w.mem.allocationCount(), w.mem.freeCount(), m.cdTable.cdtab, m.live, valid));
        return valid;
    }
}
