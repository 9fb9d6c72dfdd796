package org.smmubench.check;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.CdCode;
import org.smmubench.driver.CdTableCfg;
import org.smmubench.driver.L1CtxDesc;
import org.smmubench.hw.field.Cd;
import org.smmubench.hw.field.Ste;
import org.smmubench.kernel.DmaBuffer;

/**
 * CdSlots.validDword0 kept per master and brought up to date per (master, SSID) touched: a
 * store to a CD's dword 0 (the listener sees every one) re-reads that one slot, so a bind or
 * unbind costs one slot, not a rescan of a table holding many live PASIDs. The whole table is
 * rescanned only when something could change the answer elsewhere: a free anywhere (freed
 * memory reads as zero), a new table or L1 array, a store to an L1 descriptor, or the master
 * going away. An allocation alone cannot change it: PhysMemory never reuses an address and new
 * memory reads as zero, so a new leaf holds no valid CD until a store (which the listener
 * sees) makes one, and the driver only hangs a leaf where there was none (arm_smmu_get_cd_ptr),
 * so no leaf with valid CDs is dropped without a free. Not keying on allocations keeps a probe
 * from rescanning every master. The incremental checks read CD tables through this; the full
 * walks read memory afresh, so cross-check mode also checks this cache. One per bench, via
 * World.shared.
 */
final class CdContents {
    /** One master's valid CDs as last brought up to date, and the SSIDs stored under since. */
    private static final class Memo {
        final long frees;
        final DmaBuffer cdtab;
        final Object l1Desc;
        final boolean live;
        final TreeMap<Integer, Long> valid;
        final SortedMap<Integer, Long> view;
        /** Dword-0 stores since the last read, by SSID. */
        final TreeSet<Integer> dirty = new TreeSet<>();
        /** An L1 descriptor was stored: the leaf layout may have changed, rescan. */
        boolean rescan;

        Memo(long frees, DmaBuffer cdtab, Object l1Desc, boolean live, TreeMap<Integer, Long> valid) {
            this.frees = frees;
            this.cdtab = cdtab;
            this.l1Desc = l1Desc;
            this.live = live;
            this.valid = valid;
            this.view = Collections.unmodifiableSortedMap(valid);
        }
    }

    private final World w;
    private final Map<ArmSmmuMaster, Memo> memos = new IdentityHashMap<>();

    private CdContents(World w) {
        this.w = w;
    }

    static CdContents of(World w) {
        return w.shared(CdContents.class, () -> {
            CdContents c = new CdContents(w);
            w.mem.addWriteListener((pa, oldValue, newValue) -> CdTableIndex.of(w).locate(w, pa).ifPresent(word -> {
                Memo memo = c.memos.get(word.master());
                if (memo == null) return;
                if (word.l1()) memo.rescan = true;
                else if (word.dword() == 0) memo.dirty.add(word.index());
            }));
            return c;
        });
    }

    /**
     * Dword 0 of every valid CD of {@code m}, by SSID: an unmodifiable view that stays valid
     * until the next store, so callers read it and do not keep it.
     */
    SortedMap<Integer, Long> validDword0(ArmSmmuMaster m) {
        Memo memo = memos.get(m);
        if (memo != null && !memo.rescan && memo.frees == w.mem.freeCount()
                && memo.cdtab == m.cdTable.cdtab && memo.l1Desc == m.cdTable.l1Desc && memo.live == m.live) {
            for (int ssid : memo.dirty) reread(m, ssid, memo.valid);
            memo.dirty.clear();
            return memo.view;
        }
        memo = new Memo(w.mem.freeCount(), m.cdTable.cdtab, m.cdTable.l1Desc, m.live, new TreeMap<>(CdSlots.validDword0(m)));
        memos.put(m, memo);
        return memo.view;
    }

    /** Slot {@code ssid} read as CdSlots.validCds would find it: through the driver's own layout. */
    private void reread(ArmSmmuMaster m, int ssid, TreeMap<Integer, Long> valid) {
        CdTableCfg t = m.cdTable;
        long pa = -1;
        if (t.cdtab != null) {
            if (t.s1fmt == Ste.S1FMT_LINEAR) {
                if (ssid >= 0 && ssid < t.numL1Ents) pa = t.cdtab.dma() + (long) ssid * Cd.BYTES;
            } else {
                int l1 = ssid >>> CdCode.CTXDESC_SPLIT;
                L1CtxDesc d = t.l1Desc != null && ssid >= 0 && l1 < t.l1Desc.length ? t.l1Desc[l1] : null;
                if (d != null && d.l2ptr != null)
                    pa = d.l2ptr.dma() + (long) (ssid & (CdCode.CTXDESC_L2_ENTRIES - 1)) * Cd.BYTES;
            }
        }
        long d0 = pa < 0 ? 0 : m.smmu.mem.read64(pa);
        if (Cd.V.isSet(d0)) valid.put(ssid, d0);
        else valid.remove(ssid);
    }
}
