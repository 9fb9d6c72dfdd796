package org.smmubench.check;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.carrotsearch.hppc.LongObjectHashMap;

import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.CdCode;
import org.smmubench.driver.CdTableCfg;
import org.smmubench.hw.field.Cd;
import org.smmubench.hw.field.L1Cd;
import org.smmubench.hw.field.Ste;
import org.smmubench.iommu.Device;
import org.smmubench.kernel.Allocation;
import org.smmubench.kernel.DmaBuffer;

/**
 * Which master's CD table (linear table, L1 table or leaf) a physical address lies in. The
 * store-watching invariants ask on every memory write, so the answer must not cost the
 * number of masters: regions are indexed by allocation start, master by master. A store into
 * an allocation the index does not know asks the kernel which device the buffer was allocated
 * for and (re)indexes that one master's tables, so probing N devices costs O(N) in all, and a
 * region whose buffer the driver dropped is re-indexed the same way. One per bench, via
 * World.shared.
 */
final class CdTableIndex {
    /** A CD table region: {@code l1} for a two-level table's L1 array; {@code firstSsid} for CD regions. */
    private record Region(ArmSmmuMaster master, boolean l1, int firstSsid, DmaBuffer buf) {}

    /** Regions by buffer start (page-aligned: HPPC's mixing hash, not HashMap's, spreads them). */
    private final LongObjectHashMap<Region> byStart = new LongObjectHashMap<>();
    private final Map<ArmSmmuMaster, List<Long>> starts = new IdentityHashMap<>();
    /** The last answer, for the other listeners of the same store (each store is located by several). */
    private long lastPa;
    private long lastWrite = -1;
    private Optional<HwMasters.CdWord> last;

    static CdTableIndex of(World w) { return w.shared(CdTableIndex.class, CdTableIndex::new); }

    /** The CD-table word at {@code pa}, if any probed master's table holds it. */
    Optional<HwMasters.CdWord> locate(World w, long pa) {
        // Only while one store's listeners run is the answer sure not to have changed.
        if (!w.mem.notifyingListeners()) return find(w, pa);
        if (pa == lastPa && w.mem.writeCount() == lastWrite) return last;
        last = find(w, pa);
        lastPa = pa;
        lastWrite = w.mem.writeCount();
        return last;
    }

    private Optional<HwMasters.CdWord> find(World w, long pa) {
        long[] alloc = w.mem.allocationContaining(pa);
        if (alloc == null) return Optional.empty();
        Region r = byStart.get(alloc[0]);
        if (r == null || !r.buf.equals(current(r))) {
            // Unknown allocation (a new table, or not a CD table at all), or the driver dropped
            // the table since: re-index the master it belongs to.
            ArmSmmuMaster m = r != null ? r.master : owner(w, alloc[0]);
            if (m == null) return Optional.empty();
            index(m);
            r = byStart.get(alloc[0]);
            if (r == null) return Optional.empty();
        }
        if (Long.compareUnsigned(pa - r.buf.dma(), r.buf.size()) >= 0) return Optional.empty();
        long off = pa - r.buf.dma();
        if (r.l1) return Optional.of(new HwMasters.CdWord(r.master, true, (int) (off / L1Cd.BYTES), 0, pa));
        return Optional.of(new HwMasters.CdWord(r.master, false, r.firstSsid + (int) (off / Cd.BYTES),
                (int) (off % Cd.BYTES / 8), r.buf.dma() + off / Cd.BYTES * Cd.BYTES));
    }

    /** The live master of the device the buffer at {@code start} was allocated for, or null. */
    private static ArmSmmuMaster owner(World w, long start) {
        Allocation a = w.kernel.liveDmaAllocationAt(start);
        if (a == null || a.device() == null) return null;
        Device d = w.core.deviceNamed(a.device());
        ArmSmmuMaster m = d == null ? null : ArmSmmuV3.master(d);
        return m != null && m.live ? m : null;
    }

    /** The buffer the driver holds now for this region (null when gone). */
    private static DmaBuffer current(Region r) {
        CdTableCfg t = r.master.cdTable;
        if (!r.master.live) return null;
        if (r.l1 || t.s1fmt == Ste.S1FMT_LINEAR) return t.cdtab;
        if (t.l1Desc == null) return null;
        return t.l1Desc[r.firstSsid >>> CdCode.CTXDESC_SPLIT].l2ptr;
    }

    /** Replaces the master's regions with its tables as the driver holds them now. */
    private void index(ArmSmmuMaster m) {
        List<Long> old = starts.remove(m);
        if (old != null) for (long s : old) if (byStart.get(s) != null && byStart.get(s).master == m) byStart.remove(s);
        CdTableCfg t = m.cdTable;
        if (!m.live || t.cdtab == null) return;
        List<Long> mine = new ArrayList<>();
        boolean linear = t.s1fmt == Ste.S1FMT_LINEAR;
        put(mine, new Region(m, !linear, 0, t.cdtab));
        if (!linear && t.l1Desc != null) {
            for (int i = 0; i < t.l1Desc.length; i++) {
                DmaBuffer leaf = t.l1Desc[i].l2ptr;
                if (leaf != null) put(mine, new Region(m, false, i << CdCode.CTXDESC_SPLIT, leaf));
            }
        }
        starts.put(m, mine);
    }

    private void put(List<Long> mine, Region r) {
        byStart.put(r.buf.dma(), r);
        mine.add(r.buf.dma());
    }
}
