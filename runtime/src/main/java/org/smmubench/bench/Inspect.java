package org.smmubench.bench;

import java.util.ArrayList;
import java.util.List;

import org.smmubench.check.World;
import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.sva.ArmSmmuBond;
import org.smmubench.check.StaleTlb;
import org.smmubench.hw.Atc;
import org.smmubench.hw.AtcEntry;
import org.smmubench.hw.ConfigEntry;
import org.smmubench.hw.Event;
import org.smmubench.hw.PhysMemory;
import org.smmubench.hw.Smmu;
import org.smmubench.hw.TlbEntry;
import org.smmubench.hw.field.Field;
import org.smmubench.hw.field.Regs;
import org.smmubench.hw.SteView;
import org.smmubench.hw.field.Cd;
import org.smmubench.hw.field.Dump;
import org.smmubench.hw.field.L1Cd;
import org.smmubench.hw.field.Ste;
import org.smmubench.iommu.Device;
import org.smmubench.mm.Mm;
import org.smmubench.kernel.Hex;

/**
 * What {@code show} prints: the tables as the hardware would read them from memory (not the
 * driver's beliefs), valid entries only, one field per {@code NAME=value}.
 */
final class Inspect {
    private static final long PAGE = 4096;

    private Inspect() {}

    /**
     * The mm's PASID as the core holds it, and whether a device uses it. A bind that fails
     * after iommu_sva_bind_device allocated mm->pasid leaves the PASID with the mm (the core
     * frees it only with the mm), but no device was handed it, so the bench's DMA has none to
     * put on the bus: both are said here, so `show` and `dma` do not seem to disagree.
     */
    private static String pasid(Mm mm, Integer lastPasid) {
        if (mm.pasid >= 0) {
            return "PASID " + Hex.of(mm.pasid) + (lastPasid == null
                    ? " (mm->pasid, allocated by a bind that failed; no device was given it, so its DMA carries no PASID)" : "");
        }
        return lastPasid != null ? "PASID " + Hex.of(lastPasid) + " (dropped; DMA still uses it)" : "no PASID";
    }

    /**
     * Mapped pages as ranges: consecutive 4 KiB pages with the same permissions are one line,
     * with the physical range when it is contiguous too ("0x400000-0x40ffff 16 pages rw -> pa
     * 0x8001_0000-..."), so a 1 GiB mapping is one line, not 262144.
     */
    static List<String> pageRanges(List<long[]> pages) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < pages.size()) {
            long[] first = pages.get(i);
            int j = i + 1;
            boolean paContiguous = true;
            while (j < pages.size() && pages.get(j)[0] == pages.get(j - 1)[0] + PAGE && pages.get(j)[2] == first[2]) {
                if (pages.get(j)[1] != pages.get(j - 1)[1] + PAGE) paContiguous = false;
                j++;
            }
            long[] last = pages.get(j - 1);
            int n = j - i;
            String prot = org.smmubench.mm.Prot.values()[(int) first[2]].yamlName();
            String va = n == 1 ? Hex.of(first[0]) : Hex.of(first[0]) + "-" + Hex.of(last[0] + PAGE - 1);
            String pa = n == 1 ? Hex.of(first[1]) : paContiguous ? Hex.of(first[1]) + "-" + Hex.of(last[1] + PAGE - 1)
                    : Hex.of(first[1]) + ".. (not contiguous)";
            out.add("  " + va + "  " + n + (n == 1 ? " page  " : " pages  ") + prot + " -> pa " + pa);
            i = j;
        }
        return out;
    }

    /** {@code show smmu}: the ID and control registers decoded, and the queues. */
    static List<String> smmu(World w) {
        Smmu hw = w.hw;
        List<String> out = new ArrayList<>();
        out.add("SMMUv3 registers (non-zero fields):");
        reg(out, "IDR0", Regs.Idr0.FIELDS, hw.readReg32(Regs.IDR0));
        reg(out, "IDR1", Regs.Idr1.FIELDS, hw.readReg32(Regs.IDR1));
        reg(out, "IDR3", Regs.Idr3.FIELDS, hw.readReg32(Regs.IDR3));
        reg(out, "IDR5", Regs.Idr5.FIELDS, hw.readReg32(Regs.IDR5));
        reg(out, "CR0", Regs.Cr0.FIELDS, hw.readReg32(Regs.CR0));
        reg(out, "CR1", Regs.Cr1.FIELDS, hw.readReg32(Regs.CR1));
        reg(out, "CR2", Regs.Cr2.FIELDS, hw.readReg32(Regs.CR2));
        reg(out, "GBPA", Regs.Gbpa.FIELDS, hw.readReg32(Regs.GBPA));
        reg(out, "IRQ_CTRL", Regs.IrqCtrl.FIELDS, hw.readReg32(Regs.IRQ_CTRL));
        reg(out, "GERROR", Regs.Gerror.FIELDS, hw.readReg32(Regs.GERROR));
        reg(out, "STRTAB_BASE", Regs.StrtabBase.FIELDS, hw.readReg64(Regs.STRTAB_BASE));
        reg(out, "STRTAB_BASE_CFG", Regs.StrtabBaseCfg.FIELDS, hw.readReg32(Regs.STRTAB_BASE_CFG));
        out.add("queues:");
        queue(out, "CMDQ", hw.readReg64(Regs.CMDQ_BASE), hw.readReg32(Regs.CMDQ_PROD), hw.readReg32(Regs.CMDQ_CONS));
        queue(out, "EVTQ", hw.readReg64(Regs.EVTQ_BASE), hw.readReg32(Regs.EVTQ_PROD), hw.readReg32(Regs.EVTQ_CONS));
        out.add("  commands consumed so far: CMD_SYNC x" + hw.syncCount() + (hw.cmdqError() != 0
                ? ", CMDQ error " + hw.cmdqError() : ", no CMDQ error"));
        out.add("  events recorded: " + hw.eventLog().size() + " (`show events`)");
        return out;
    }

    private static void reg(List<String> out, String name, List<Field> fields, long value) {
        String decoded = Dump.renderNonZero(fields, new long[] {value});
        out.add("  " + name + " = " + Hex.of(value) + (decoded.isEmpty() ? "" : "  " + decoded));
    }

    private static void queue(List<String> out, String name, long base, int prod, int cons) {
        int log2 = (int) Regs.QBase.LOG2SIZE.extract(base);
        Field idx = Regs.QPtr.index(log2);
        Field wrp = Regs.QPtr.wrap(log2);
        long[] p = {prod & 0xffff_ffffL};
        long[] c = {cons & 0xffff_ffffL};
        out.add("  " + name + ": base " + Hex.of(Regs.QBase.ADDR.extractAddress(base)) + ", " + (1 << log2) + " entries, prod "
                + idx.get(p) + (wrp.isSet(p) ? " (wrapped)" : "") + ", cons " + idx.get(c) + (wrp.isSet(c) ? " (wrapped)" : "")
                + (idx.get(p) == idx.get(c) && wrp.isSet(p) == wrp.isSet(c) ? ", empty" : ""));
    }

    /**
     * {@code show caches}: what the SMMU holds cached (STEs, L1 descriptors, CDs, TLB, every
     * endpoint's ATC), each entry marked STALE where it differs from memory or from a fresh
     * walk of the page tables, as the stale-config and stale-tlb invariants judge it.
     */
    static List<String> caches(World w) {
        List<String> out = new ArrayList<>();
        List<ConfigEntry> cfg = w.hw.configCache().entries();
        out.add("configuration cache: " + cfg.size() + (cfg.size() == 1 ? " entry" : " entries"));
        for (ConfigEntry e : cfg) {
            long[] now = w.mem.readWords(e.address(), e.dwords().length);
            boolean stale = !java.util.Arrays.equals(now, e.dwords());
            out.add("  " + e + (stale ? "  STALE: memory now holds " + Dump.renderNonZero(e.kind().fields(), now) : ""));
        }
        List<TlbEntry> tlb = w.hw.tlb().entries();
        out.add("TLB: " + tlb.size() + (tlb.size() == 1 ? " entry" : " entries"));
        for (TlbEntry e : tlb) {
            String why = StaleTlb.tlbStale(w, e);
            out.add("  " + e + (why == null ? "" : "  STALE: " + why));
        }
        for (Atc atc : w.hw.atcs()) {
            out.add("ATC of SID " + Hex.of(atc.sid()) + ": " + atc.size() + (atc.size() == 1 ? " entry" : " entries"));
            for (AtcEntry e : atc.entries()) {
                String why = StaleTlb.atcStale(w, e);
                out.add("  " + e + (why == null ? "" : "  STALE: " + why));
            }
        }
        return out;
    }

    /** {@code show events}: every event the SMMU recorded, oldest first, decoded. */
    static List<String> events(World w) {
        List<String> out = new ArrayList<>();
        List<Event> all = w.hw.eventLog();
        if (all.isEmpty()) out.add("no events recorded");
        int n = 0;
        for (Event e : all)
            out.add("  #" + (++n) + " " + e + (e.inQueue() ? "" : " (not written to the event queue)") + "  " + e.render());
        return out;
    }

    static List<String> device(World w, Device dev) {
        List<String> out = new ArrayList<>();
        ArmSmmuMaster m = ArmSmmuV3.master(dev);
        out.add(dev.name() + ": " + (dev.isPci() ? "PCI" : "platform") + ", group " + dev.group.name()
                + ", RID domain " + (dev.group.domain == null ? "none" : "#" + dev.group.domain.id())
                + (m == null ? "" : ", ssid_bits " + m.ssidBits + ", sva " + (m.svaEnabled ? "enabled" : "disabled")
                        + (m.atsEnabled ? ", ATS" : "")));
        if (!dev.group.pasidArray.isEmpty()) {
            List<String> ps = new ArrayList<>();
            dev.group.pasidArray.forEach((p, d) -> ps.add(Hex.of(p) + "->" + d));
            out.add("  group pasid_array: " + String.join(", ", ps));
        }
        for (int sid : dev.sids()) {
            SteView ste = w.hw.readSteFromMemory(sid);
            out.add("  STE sid " + Hex.of(sid) + (ste.address() >= 0 ? " @" + Hex.of(ste.address()) : "") + ":");
            if (ste.dwords() == null) {
                out.add("    " + ste.render());
                continue;
            }
            out.add("    " + Dump.renderNonZero(Ste.FIELDS, ste.dwords()));
            if (ste.valid() && ste.isS1()) cdTable(w.mem, ste, out);
        }
        return out;
    }

    private static void cdTable(PhysMemory mem, SteView ste, List<String> out) {
        long base = ste.s1ContextPtr();
        int max = 1 << ste.s1CdMax();
        if (ste.s1Fmt() == Ste.S1FMT_LINEAR) {
            out.add("  CD table: linear, " + max + " CDs @" + Hex.of(base));
            for (int ssid = 0; ssid < max; ssid++) cd(mem, base + (long) ssid * Cd.BYTES, ssid, out);
            return;
        }
        int leaf = ste.s1Fmt() == Ste.S1FMT_64K_L2 ? L1Cd.LEAF_ENTRIES_64K : L1Cd.LEAF_ENTRIES_4K;
        int l1 = Math.max(1, max / leaf);
        out.add("  CD table: two-level, " + l1 + " L1 descriptors @" + Hex.of(base) + ", " + leaf + " CDs per leaf");
        for (int i = 0; i < l1; i++) {
            long d = mem.read64(base + (long) i * L1Cd.BYTES);
            if (!L1Cd.V.isSet(d)) continue;
            long l2 = L1Cd.L2PTR.extractAddress(d);
            out.add("    L1CD[" + i + "] V=1 L2PTR=" + Hex.of(l2) + " (SSIDs " + Hex.of((long) i * leaf) + ".."
                    + Hex.of((long) (i + 1) * leaf - 1) + ")");
            for (int j = 0; j < leaf; j++) cd(mem, l2 + (long) j * Cd.BYTES, i * leaf + j, out);
        }
    }

    private static void cd(PhysMemory mem, long addr, int ssid, List<String> out) {
        long[] d = mem.readWords(addr, Cd.DWORDS);
        if (!Cd.V.isSet(d)) return;
        out.add("    CD ssid " + Hex.of(ssid) + (ssid == 0 ? " (RID)" : "") + ": " + Dump.renderNonZero(Cd.FIELDS, d));
    }

    static List<String> process(World w, Mm mm, Integer lastPasid) {
        List<String> out = new ArrayList<>();
        if (mm == null) {
            out.add("(no mm)");
            return out;
        }
        out.add(mm.name() + ": CPU ASID " + mm.cpuAsid() + (mm.asidPins() > 0 ? " (pinned x" + mm.asidPins() + ")" : "")
                + ", " + pasid(mm, lastPasid) + ", pgd " + Hex.of(mm.pgdPhys())
                + (mm.freed() ? ", freed" : mm.exited() ? ", exited" : "") + ", mm_count " + mm.mmCount());
        out.addAll(pageRanges(mm.mappedPages()));
        for (Device dev : w.core.devices()) {
            ArmSmmuMaster m = ArmSmmuV3.master(dev);
            if (m == null) continue;
            for (Object o : m.bonds) {
                ArmSmmuBond b = (ArmSmmuBond) o;
                if (b.mm != mm) continue;
                out.add("  bond on " + dev.name() + ": notifier refs " + b.smmuMn.refs + (b.smmuMn.cleared ? " (cleared)" : "")
                        + ", shared cd asid " + b.smmuMn.cd.asid + " refs " + b.smmuMn.cd.refs);
            }
        }
        return out;
    }
}
