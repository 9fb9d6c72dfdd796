package org.smmubench.check;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuStream;
import org.smmubench.driver.CdCode;
import org.smmubench.driver.CdTableCfg;
import org.smmubench.hw.field.Cd;
import org.smmubench.hw.field.L1Cd;
import org.smmubench.hw.field.Ste;
import org.smmubench.kernel.DmaBuffer;

/**
 * Which master's CD table (linear table, L1 table or leaf) a physical address lies in. The
 * store-watching invariants ask on every memory write; walking every master's L1 array each
 * time made a 256-device bench crawl, so the regions are indexed by allocation start and the
 * index is rebuilt only when memory gained an allocation (addresses are never reused, so an
 * allocation's role cannot change under an unchanged count). One per bench, via World.shared.
 */
final class CdTableIndex {
    /** A CD table region: {@code l1} for a two-level table's L1 array; {@code firstSsid} for CD regions. */
    private record Region(ArmSmmuMaster master, boolean l1, int firstSsid, DmaBuffer buf) {}

    private final Map<Long, Region> byStart = new HashMap<>();
    private long builtAt = -1;

    static CdTableIndex of(World w) { return w.shared(CdTableIndex.class, CdTableIndex::new); }

    /** The CD-table word at {@code pa}, if any probed master's table holds it. */
    Optional<HwMasters.CdWord> locate(World w, long pa) {
        long[] alloc = w.mem.allocationContaining(pa);
        if (alloc == null) return Optional.empty();
        if (w.mem.allocationCount() != builtAt) rebuild(w);
        Region r = byStart.get(alloc[0]);
        // Not a CD table (command queue, STEs, page tables): a new table is a new allocation,
        // which the count above already caught.
        if (r == null) return Optional.empty();
        if (!r.buf.equals(current(r))) {
            // The driver dropped the table (release) since the index was built.
            rebuild(w);
            r = byStart.get(alloc[0]);
            if (r == null) return Optional.empty();
        }
        if (Long.compareUnsigned(pa - r.buf.dma(), r.buf.size()) >= 0) return Optional.empty();
        long off = pa - r.buf.dma();
        if (r.l1) return Optional.of(new HwMasters.CdWord(r.master, true, (int) (off / L1Cd.BYTES), 0, pa));
        return Optional.of(new HwMasters.CdWord(r.master, false, r.firstSsid + (int) (off / Cd.BYTES),
                (int) (off % Cd.BYTES / 8), r.buf.dma() + off / Cd.BYTES * Cd.BYTES));
    }

    /** The buffer the driver holds now for this region (null when gone). */
    private static DmaBuffer current(Region r) {
        CdTableCfg t = r.master.cdTable;
        if (!r.master.live) return null;
        if (r.l1 || t.s1fmt == Ste.S1FMT_LINEAR) return t.cdtab;
        if (t.l1Desc == null) return null;
        return t.l1Desc[r.firstSsid >>> CdCode.CTXDESC_SPLIT].l2ptr;
    }

    private void rebuild(World w) {
        byStart.clear();
        builtAt = w.mem.allocationCount();
        for (ArmSmmuStream s : w.driver.smmu.streams.values()) {
            ArmSmmuMaster m = s.master();
            CdTableCfg t = m.cdTable;
            if (t.cdtab == null || byStart.containsKey(t.cdtab.dma())) continue;
            boolean linear = t.s1fmt == Ste.S1FMT_LINEAR;
            byStart.put(t.cdtab.dma(), new Region(m, !linear, 0, t.cdtab));
            if (linear || t.l1Desc == null) continue;
            for (int i = 0; i < t.l1Desc.length; i++) {
                DmaBuffer leaf = t.l1Desc[i].l2ptr;
                if (leaf != null) byStart.put(leaf.dma(), new Region(m, false, i << CdCode.CTXDESC_SPLIT, leaf));
            }
        }
    }
}
