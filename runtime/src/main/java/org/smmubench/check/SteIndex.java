package org.smmubench.check;


import com.carrotsearch.hppc.LongObjectHashMap;

import org.smmubench.driver.ArmSmmuStream;
import org.smmubench.driver.StrtabCfg;
import org.smmubench.driver.StrtabCode;
import org.smmubench.hw.field.Ste;
import org.smmubench.kernel.DmaBuffer;

/**
 * Which probed stream's STE a physical address lies in. The store-watching checks ask on
 * every memory write; asking every stream for its STE address made each store cost the
 * number of devices. Instead the StreamID is computed from the driver's stream-table layout
 * (linear: offset / Ste.BYTES; two-level: which L2 table, then the offset in it), and the
 * stream looked up by it. The L2 tables are indexed by address; the index is rebuilt on a miss
 * after memory gained an allocation (a new L2 table is one), which costs the L1 size, not the
 * number of devices. One per bench, via World.shared.
 */
final class SteIndex {
    /** By leaf start (aligned: HPPC's mixing hash, not HashMap's, spreads them). */
    private final LongObjectHashMap<Integer> l2ByStart = new LongObjectHashMap<>();
    private long builtAt = -1;
    private DmaBuffer[] builtFor;

    static SteIndex of(World w) { return w.shared(SteIndex.class, SteIndex::new); }

    /** The probed stream whose STE holds {@code pa}, or null. */
    ArmSmmuStream streamAt(World w, long pa) {
        StrtabCfg cfg = w.driver.smmu.strtabCfg;
        if (cfg.strtab == null) return null;
        long sid;
        if (!cfg.twoLevel) {
            long off = pa - cfg.strtab.dma();
            if (Long.compareUnsigned(off, cfg.strtab.size()) >= 0) return null;
            sid = off / Ste.BYTES;
        } else {
            long[] alloc = w.mem.allocationContaining(pa);
            if (alloc == null) return null;
            Integer l1 = l2ByStart.get(alloc[0]);
            if (l1 == null && (w.mem.allocationCount() != builtAt || cfg.l1Desc != builtFor)) {
                rebuild(w, cfg);
                l1 = l2ByStart.get(alloc[0]);
            }
            if (l1 == null || cfg.l1Desc[l1] == null || cfg.l1Desc[l1].dma() != alloc[0]) return null;
            long off = pa - alloc[0];
            if (off >= cfg.l1Desc[l1].size()) return null;
            sid = ((long) l1 << StrtabCode.STRTAB_SPLIT) | (off / Ste.BYTES);
        }
        if (sid > Integer.MAX_VALUE) return null;
        ArmSmmuStream s = w.driver.smmu.streams.get((int) sid);
        // The layout says which SID; the driver's own address computation must agree.
        return s != null && Long.compareUnsigned(pa - StrtabCode.getStepForSid(w.driver.smmu, s.id()), Ste.BYTES) < 0 ? s : null;
    }

    private void rebuild(World w, StrtabCfg cfg) {
        l2ByStart.clear();
        builtAt = w.mem.allocationCount();
        builtFor = cfg.l1Desc;
        if (cfg.l1Desc == null) return;
        for (int i = 0; i < cfg.l1Desc.length; i++) if (cfg.l1Desc[i] != null) l2ByStart.put(cfg.l1Desc[i].dma(), i);
    }
}
