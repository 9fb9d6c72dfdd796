package org.smmubench.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.smmubench.check.World;
import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.hw.HwConfig;
import org.smmubench.hw.PhysMemory;
import org.smmubench.hw.SteView;
import org.smmubench.hw.field.Cd;
import org.smmubench.hw.field.L1Cd;
import org.smmubench.hw.field.Ste;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.iommu.IommuGroup;
import org.smmubench.kernel.Hex;
import org.smmubench.mm.Mm;

/**
 * Builds a {@link Topology} from a bench's world. The table part is read the way the SMMU
 * reads it (STEs and CDs decoded from simulated memory, valid entries only, as {@code show
 * DEVICE} prints them), never from the driver's beliefs; the core part (groups, domains,
 * PASID arrays, processes) is read from the core's and mm's objects. Where the two meet (a
 * CD's TTB0 and an mm's pgd, a CD at an SSID and the PASID the core gave a process) the
 * edges say what matched, and a CD that points at no live page table is marked.
 */
final class TopologySnapshot {
    private final World w;
    private final Map<String, Topology.Node> nodes = new LinkedHashMap<>();
    private final List<Topology.Edge> edges = new ArrayList<>();

    private TopologySnapshot(World w) { this.w = w; }

    static Topology of(World w) {
        TopologySnapshot s = new TopologySnapshot(w);
        s.build();
        // Edges name nodes by id before every node is known; keep those whose ends exist.
        List<Topology.Edge> edges = s.edges.stream()
                .filter(e -> s.nodes.containsKey(e.from()) && s.nodes.containsKey(e.to())).toList();
        return new Topology(List.copyOf(s.nodes.values()), edges);
    }

    private void build() {
        HwConfig cfg = w.hw.config();
        node("smmu", "smmu", "SMMUv3", "ssid-bits " + cfg.ssidBits() + ", sid-bits " + cfg.sidBits()
                + "\nASID " + (cfg.asid16() ? 16 : 8) + " bits" + (cfg.ats() ? ", ATS" : "") + (cfg.stall() ? ", stall" : ""), "");
        node("strtab", "strtab", "stream table", cfg.twoLevelStrtab() ? "2-level" : "linear", "");
        edge("smmu", "strtab", "STRTAB_BASE");
        for (IommuGroup g : w.core.groups()) group(g);
        for (Device dev : w.core.devices()) device(dev);
        for (Mm mm : w.mms.all()) {
            if (mm.freed()) continue;
            node(processId(mm), "process", mm.name(), "pgd " + Hex.of(mm.pgdPhys()) + ", CPU ASID " + mm.cpuAsid()
                    + (mm.exited() ? "\nexited" : "") + "\nmm_count " + mm.mmCount(), "");
            if (mm.pasid >= 0) {
                node(pasidId(mm.pasid), "pasid", "PASID " + Hex.of(mm.pasid), "", "");
                edge(pasidId(mm.pasid), processId(mm), "mm->pasid");
            }
        }
    }

    private void group(IommuGroup g) {
        String id = "group:" + g.name();
        node(id, "group", "group " + g.name(), g.devices.size() + " device(s)", "");
        edge("smmu", id, "");
        if (g.domain != null) {
            domain(g.domain);
            edge(id, domainId(g.domain), "domain");
        }
        g.pasidArray.forEach((pasid, d) -> {
            domain(d);
            edge(id, domainId(d), "pasid_array[" + Hex.of(pasid) + "]");
        });
    }

    private void domain(IommuDomain d) {
        String id = domainId(d);
        if (nodes.containsKey(id)) return;
        node(id, "domain", d.type + " domain #" + d.id(), "users " + d.users, "");
        if (d.mm != null && !d.mm.freed()) edge(id, processId(d.mm), "mm");
    }

    private void device(Device dev) {
        String id = "device:" + dev.name();
        ArmSmmuMaster m = ArmSmmuV3.master(dev);
        node(id, "device", dev.name(), (dev.isPci() ? "PCI" : "platform")
                + (m == null ? "" : ", ssid_bits " + m.ssidBits + (m.svaEnabled ? ", SVA" : "") + (m.atsEnabled ? ", ATS" : "")), "");
        if (dev.group != null) edge("group:" + dev.group.name(), id, "");
        for (int sid : dev.sids()) {
            SteView ste = w.hw.readSteFromMemory(sid);
            String steId = "ste:" + Hex.of(sid);
            edge("strtab", steId, "sid " + Hex.of(sid));
            edge(id, steId, "");
            if (ste.dwords() == null) {
                node(steId, "ste", "STE " + Hex.of(sid), ste.render(), "");
                continue;
            }
            node(steId, "ste", "STE " + Hex.of(sid), steSummary(ste), "");
            if (ste.valid() && ste.isS1()) cdTable(steId, ste);
        }
    }

    private static String steSummary(SteView ste) {
        if (!ste.valid()) return "V=0 (invalid)" + at(ste.address());
        String cfg = ste.isAbort() ? "abort" : ste.isBypass() ? "bypass" : ste.isS1() ? "stage 1" : "Config " + ste.config();
        return "V=1 " + cfg + (ste.isS1() ? ", S1CDMAX " + ste.s1CdMax() + ", S1DSS " + ste.s1Dss() : "") + at(ste.address());
    }

    private static String at(long addr) { return addr >= 0 ? "\n@" + Hex.of(addr) : ""; }

    private void cdTable(String steId, SteView ste) {
        PhysMemory mem = w.mem;
        long base = ste.s1ContextPtr();
        int max = 1 << ste.s1CdMax();
        String tabId = "cdtab:" + Hex.of(base);
        edge(steId, tabId, "S1ContextPtr");
        if (ste.s1Fmt() == Ste.S1FMT_LINEAR) {
            node(tabId, "cdtab", "CD table (linear)", max + " CDs\n@" + Hex.of(base), "");
            for (int ssid = 0; ssid < max; ssid++) cd(tabId, mem, base + (long) ssid * Cd.BYTES, ssid);
            return;
        }
        int leaf = ste.s1Fmt() == Ste.S1FMT_64K_L2 ? L1Cd.LEAF_ENTRIES_64K : L1Cd.LEAF_ENTRIES_4K;
        int l1 = Math.max(1, max / leaf);
        node(tabId, "cdtab", "CD table L1", l1 + " L1 descriptors, " + leaf + " CDs per leaf\n@" + Hex.of(base), "");
        for (int i = 0; i < l1; i++) {
            long d = mem.read64(base + (long) i * L1Cd.BYTES);
            if (!L1Cd.V.isSet(d)) continue;
            long l2 = L1Cd.L2PTR.extractAddress(d);
            String leafId = "leaf:" + Hex.of(l2);
            node(leafId, "leaf", "CD leaf " + i, "SSIDs " + Hex.of((long) i * leaf) + ".." + Hex.of((long) (i + 1) * leaf - 1)
                    + "\n@" + Hex.of(l2), "");
            edge(tabId, leafId, "L1CD[" + i + "]");
            for (int j = 0; j < leaf; j++) cd(leafId, mem, l2 + (long) j * Cd.BYTES, i * leaf + j);
        }
    }

    private void cd(String parent, PhysMemory mem, long addr, int ssid) {
        // V lives in the first dword: read the rest only for valid CDs (tables hold thousands).
        if (!Cd.V.isSet(mem.read64(addr))) return;
        long[] d = mem.readWords(addr, Cd.DWORDS);
        String id = "cd:" + Hex.of(addr);
        long ttb0 = Cd.TTB0.getAddress(d);
        Mm owner = null;
        for (Mm mm : w.mms.all()) if (!mm.freed() && mm.pgdPhys() == ttb0) owner = mm;
        boolean rid = ssid == 0;
        String problem = "";
        if (!rid && owner == null) problem = "TTB0 " + Hex.of(ttb0) + " is no live process's page table";
        node(id, "cd", "CD " + Hex.of(ssid) + (rid ? " (RID)" : ""), "ASID " + Hex.of(Cd.ASID.get(d)) + ", TTB0 " + Hex.of(ttb0), problem);
        edge(parent, id, "ssid " + Hex.of(ssid));
        if (rid) return;
        edge(id, pasidId(ssid), "");
        node(pasidId(ssid), "pasid", "PASID " + Hex.of(ssid), "", "");
        if (owner != null) edge(id, processId(owner), "TTB0 = pgd");
    }

    private static String domainId(IommuDomain d) { return "domain:" + d.id(); }

    private static String pasidId(int pasid) { return "pasid:" + Hex.of(pasid); }

    private static String processId(Mm mm) { return "process:" + mm.name(); }

    private void node(String id, String kind, String label, String detail, String problem) {
        nodes.putIfAbsent(id, new Topology.Node(id, kind, label, detail, problem));
    }

    private void edge(String from, String to, String label) {
        Topology.Edge e = new Topology.Edge(from, to, label);
        if (!edges.contains(e)) edges.add(e);
    }
}
