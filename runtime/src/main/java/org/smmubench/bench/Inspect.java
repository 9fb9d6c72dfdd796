package org.smmubench.bench;

import java.util.ArrayList;
import java.util.List;

import org.smmubench.check.World;
import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.sva.ArmSmmuBond;
import org.smmubench.hw.PhysMemory;
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
    private Inspect() {}

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
                + ", PASID " + (mm.pasid >= 0 ? Hex.of(mm.pasid) : lastPasid != null ? Hex.of(lastPasid) + " (dropped)" : "none")
                + ", pgd " + Hex.of(mm.pgdPhys())
                + (mm.freed() ? ", freed" : mm.exited() ? ", exited" : "") + ", mm_count " + mm.mmCount());
        for (long[] p : mm.mappedPages()) {
            out.add("  " + Hex.of(p[0]) + " -> " + Hex.of(p[1]) + " " + org.smmubench.mm.Prot.values()[(int) p[2]].yamlName());
        }
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
