package org.smmubench.scenario;

import org.smmubench.kernel.Hex;

import org.smmubench.iommu.Bus;
import org.smmubench.iommu.IommuDomainType;

import org.smmubench.mm.Prot;

import static org.smmubench.scenario.TreeReader.bool;
import static org.smmubench.scenario.TreeReader.path;
import static org.smmubench.scenario.TreeReader.str;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** Binds {@code smmu:}, {@code devices:} and {@code processes:}, with the checks a schema cannot make. */
final class TopologyBinder {
    static final long MAX_PASID = ScenarioRules.MAX_PASID;
    static final long MAX_ASID = ScenarioRules.MAX_ASID;

    private final TreeReader r;

    TopologyBinder(TreeReader r) {
        this.r = r;
    }

    SmmuOptions smmu(JsonNode root) {
        SmmuOptions d = SmmuOptions.defaults();
        JsonNode s = root.get("smmu");
        if (s == null || !s.isObject()) return d;
        List<Object> p = List.of("smmu");
        Long ssid = r.number(s, p, "ssid-bits", 0, 20, false);
        Long sid = r.number(s, p, "sid-bits", 1, 32, false);
        Long asid = r.number(s, p, "asid-bits", 8, 16, false);
        if (asid != null && asid != 8 && asid != 16) {
            r.error(r.at(path(p, "asid-bits")), "asid-bits must be 8 or 16, found " + asid);
            asid = null;
        }
        SmmuOptions o = new SmmuOptions(
                levels(s, "cd-table", d.twoLevelCdTable()),
                levels(s, "stream-table", d.twoLevelStreamTable()),
                ssid != null ? ssid.intValue() : d.ssidBits(),
                sid != null ? sid.intValue() : d.sidBits(),
                asid != null ? asid.intValue() : d.asidBits(),
                bool(s, "ats", d.ats()), bool(s, "stall", d.stall()), bool(s, "range-inv", d.rangeInv()));
        ScenarioRules.linearStreamTable(o).ifPresent(m -> r.error(r.at(path(p, s.has("sid-bits") ? "sid-bits" : "stream-table")), m));
        return o;
    }

    private static boolean levels(JsonNode s, String key, boolean dflt) {
        String v = str(s, key);
        return v == null ? dflt : v.equals("two-level");
    }

    List<DeviceSpec> devices(JsonNode root, SmmuOptions smmu) {
        List<DeviceSpec> out = new ArrayList<>();
        JsonNode list = root.get("devices");
        if (list == null || !list.isArray()) return out;
        Map<String, SourcePos> names = new LinkedHashMap<>();
        Map<Long, String> sidOwner = new LinkedHashMap<>();
        Map<Long, SourcePos> sidPos = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode d = list.get(i);
            List<Object> p = List.of("devices", i);
            if (!d.isObject()) continue;
            String name = str(d, "name");
            if (name != null) {
                SourcePos first = names.putIfAbsent(name, r.at(path(p, "name")));
                if (first != null) r.error(r.at(path(p, "name")), "duplicate device name '" + name + "' (first defined at line " + first.line() + ")");
            }
            Bus bus = "platform".equals(str(d, "bus")) ? Bus.PLATFORM : Bus.PCI;
            List<Integer> sids = sids(d, p, name, smmu, sidOwner, sidPos);
            Long pasidBits = r.number(d, p, "pasid-bits", 0, 20, false);
            boolean ats = bool(d, "ats", false);
            if (ats && bus == Bus.PLATFORM && str(d, "bus") != null)
                r.error(r.keyAt(path(p, "ats")), "ats: true is for PCI devices only; '" + name + "' is a platform device");
            String group = str(d, "group");
            if (d.has("group") && bus == Bus.PCI && "pci".equals(str(d, "bus")))
                r.error(r.keyAt(path(p, "group")), "group is for platform devices; PCI device '" + name + "' always gets an iommu_group of its own");
            // The schema restricts the value to dma or identity.
            IommuDomainType defaultDomain = "identity".equals(str(d, "default-domain")) ? IommuDomainType.IDENTITY : IommuDomainType.DMA;
            out.add(new DeviceSpec(name, bus, sids, pasidBits != null ? pasidBits.intValue() : null,
                    ats, bool(d, "sva", true), group, defaultDomain, r.at(p)));
        }
        return out;
    }

    private List<Integer> sids(JsonNode d, List<Object> p, String device, SmmuOptions smmu,
                               Map<Long, String> owner, Map<Long, SourcePos> firstPos) {
        List<Integer> out = new ArrayList<>();
        JsonNode n = d.get("sid");
        if (n == null) return out;
        List<JsonNode> nodes = new ArrayList<>();
        List<List<Object>> paths = new ArrayList<>();
        if (n.isArray()) {
            for (int j = 0; j < n.size(); j++) {
                nodes.add(n.get(j));
                paths.add(path(p, "sid", j));
            }
        } else {
            nodes.add(n);
            paths.add(path(p, "sid"));
        }
        long max = (1L << smmu.sidBits()) - 1;
        for (int j = 0; j < nodes.size(); j++) {
            Long sid = r.element(nodes.get(j), paths.get(j), "stream ID", 0, 0xffffffffL, true);
            if (sid == null) continue;
            SourcePos pos = r.at(paths.get(j));
            if (sid > max) {
                r.error(pos, "stream ID " + Hex.of(sid) + " does not fit sid-bits " + smmu.sidBits() + " (largest is " + Hex.of(max) + ")");
                continue;
            }
            String prev = owner.putIfAbsent(sid, device);
            if (prev != null) {
                r.error(pos, "stream ID " + Hex.of(sid) + " is already used by device '" + prev + "' (line " + firstPos.get(sid).line() + ")");
                continue;
            }
            firstPos.put(sid, pos);
            out.add(sid.intValue());
        }
        return out;
    }

    List<ProcessSpec> processes(JsonNode root, SmmuOptions smmu) {
        List<ProcessSpec> out = new ArrayList<>();
        JsonNode list = root.get("processes");
        if (list == null || !list.isArray()) return out;
        Map<String, SourcePos> names = new LinkedHashMap<>();
        Map<Long, String> pasids = new LinkedHashMap<>();
        Map<Long, String> asids = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode d = list.get(i);
            List<Object> p = List.of("processes", i);
            if (!d.isObject()) continue;
            String name = str(d, "name");
            if (name != null) {
                SourcePos first = names.putIfAbsent(name, r.at(path(p, "name")));
                if (first != null) r.error(r.at(path(p, "name")), "duplicate process name '" + name + "' (first defined at line " + first.line() + ")");
            }
            Long pasid = r.number(d, p, "pasid", 1, MAX_PASID, true);
            if (pasid != null) unique(pasids, pasid, name, "PASID", path(p, "pasid"));
            Long asid = r.number(d, p, "asid", 1, MAX_ASID, false);
            // An ASID another process took as its lowest free one, or one wider than the SMMU's,
            // is ScenarioRules.process's to report, for every door alike.
            if (asid != null) unique(asids, asid, name, "ASID", path(p, "asid"));
            out.add(new ProcessSpec(name, pasid != null ? pasid.intValue() : null,
                    asid != null ? asid.intValue() : null, mappings(d, p), r.at(p)));
        }
        return out;
    }


    /** Two mms cannot own one PASID or one CPU ASID at the same time. */
    private void unique(Map<Long, String> seen, long v, String process, String what, List<Object> p) {
        String prev = seen.putIfAbsent(v, process);
        if (prev != null) r.error(r.at(p), what + " " + v + " is already given to process '" + prev + "'");
    }

    private List<Mapping> mappings(JsonNode proc, List<Object> procPath) {
        List<Mapping> out = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        JsonNode list = proc.get("mappings");
        if (list == null || !list.isArray()) return out;
        for (int j = 0; j < list.size(); j++) {
            JsonNode m = list.get(j);
            List<Object> p = path(procPath, "mappings", j);
            if (!m.isObject()) continue;
            Long va = r.number(m, p, "va", 0, Long.MAX_VALUE, true);
            Long size = r.number(m, p, "size", 0, Long.MAX_VALUE, true);
            String prot = str(m, "prot");
            if (!r.checkPageRange(p, va, size) || prot == null || !prot.matches("r|rw|rx|rwx")) continue;
            for (int k = 0; k < out.size(); k++) {
                Mapping o = out.get(k);
                if (va < o.va() + o.size() && o.va() < va + size)
                    r.error(r.at(p), "mapping " + Hex.of(va) + "+" + Hex.of(size) + " overlaps the mapping at line " + lines.get(k));
            }
            out.add(new Mapping(va, size, Prot.parse(prot)));
            lines.add(r.at(p).line());
        }
        return out;
    }
}
