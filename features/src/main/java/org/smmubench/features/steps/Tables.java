package org.smmubench.features.steps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.smmubench.features.Names;
import org.smmubench.iommu.Bus;
import org.smmubench.iommu.IommuDomainType;
import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.Mapping;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.mm.Prot;
import org.smmubench.scenario.SmmuOptions;
import org.smmubench.scenario.SourcePos;

/**
 * Data tables read with the YAML format's keys and value syntax (docs/format.md), so a
 * table row and a YAML entry say the same thing the same way.
 */
final class Tables {
    static final List<String> SMMU_KEYS = List.of("cd-table", "stream-table", "ssid-bits", "sid-bits",
            "asid-bits", "ats", "stall", "range-inv");
    static final List<String> DEVICE_COLUMNS = List.of("name", "bus", "sid", "group", "pasid-bits", "ats", "sva", "default-domain");
    static final List<String> PROCESS_COLUMNS = List.of("name", "pasid", "asid", "mappings");
    static final List<String> MAPPING_COLUMNS = List.of("va", "size", "prot");
    /** A mapping given by its address alone: one read-write 4 KiB page, as in §6. */
    static final long PAGE = 0x1000;

    private Tables() {}

    /** {@code key | value} rows applied over {@code base}. */
    static SmmuOptions smmu(SmmuOptions base, Map<String, String> rows) {
        boolean cd2 = base.twoLevelCdTable(), st2 = base.twoLevelStreamTable();
        int ssid = base.ssidBits(), sid = base.sidBits(), asid = base.asidBits();
        boolean ats = base.ats(), stall = base.stall(), rangeInv = base.rangeInv();
        for (var e : rows.entrySet()) {
            String k = e.getKey().strip(), v = e.getValue() == null ? "" : e.getValue().strip();
            switch (k) {
                case "cd-table" -> cd2 = tableFormat(k, v);
                case "stream-table" -> st2 = tableFormat(k, v);
                case "ssid-bits" -> ssid = (int) range(k, v, 0, 20);
                case "sid-bits" -> sid = (int) range(k, v, 1, 32);
                case "asid-bits" -> {
                    asid = (int) number(k, v);
                    if (asid != 8 && asid != 16) throw new IllegalArgumentException("asid-bits is 8 or 16, not " + v);
                }
                case "ats" -> ats = bool(k, v);
                case "stall" -> stall = bool(k, v);
                case "range-inv" -> rangeInv = bool(k, v);
                default -> throw new IllegalArgumentException(Names.unknown("SMMU option", k, SMMU_KEYS));
            }
        }
        return new SmmuOptions(cd2, st2, ssid, sid, asid, ats, stall, rangeInv);
    }

    static List<DeviceSpec> devices(List<Map<String, String>> rows, SourcePos pos) {
        List<DeviceSpec> out = new ArrayList<>();
        for (Map<String, String> row : rows) {
            checkColumns(row.keySet(), DEVICE_COLUMNS, "devices");
            String name = required(row, "name");
            String b = blankToNull(row.get("bus"));
            Bus bus = switch (b == null ? "pci" : b) {
                case "pci" -> Bus.PCI;
                case "platform" -> Bus.PLATFORM;
                default -> throw new IllegalArgumentException("bus is pci or platform, not " + row.get("bus"));
            };
            List<Integer> sids = new ArrayList<>();
            for (String s : required(row, "sid").split("[,\\s]+")) sids.add((int) number("sid", s));
            String group = blankToNull(row.get("group"));
            if (group != null && bus == Bus.PCI)
                throw new IllegalArgumentException("device \"" + name + "\": PCI devices always get a group of their own;"
                        + " only platform devices take a group");
            String pb = blankToNull(row.get("pasid-bits"));
            Integer pasidBits = pb == null ? null : (int) range("pasid-bits", pb, 0, 20);
            boolean ats = optionalBool(row, "ats", false), sva = optionalBool(row, "sva", true);
            String dd = blankToNull(row.get("default-domain"));
            IommuDomainType defaultDomain = switch (dd == null ? "dma" : dd) {
                case "dma" -> IommuDomainType.DMA;
                case "identity" -> IommuDomainType.IDENTITY;
                default -> throw new IllegalArgumentException("default-domain is dma or identity, not " + dd);
            };
            out.add(new DeviceSpec(name, bus, sids, pasidBits, ats, sva, group, defaultDomain, pos));
        }
        return out;
    }

    static List<ProcessSpec> processes(List<Map<String, String>> rows, SourcePos pos) {
        List<ProcessSpec> out = new ArrayList<>();
        for (Map<String, String> row : rows) {
            checkColumns(row.keySet(), PROCESS_COLUMNS, "processes");
            String name = required(row, "name");
            Integer pasid = optionalInt(row, "pasid"), asid = optionalInt(row, "asid");
            List<Mapping> maps = new ArrayList<>();
            String m = blankToNull(row.get("mappings"));
            if (m != null) for (String one : m.split(",")) maps.add(mapping(one.strip()));
            out.add(new ProcessSpec(name, pasid, asid, maps, pos));
        }
        return out;
    }

    static List<Mapping> mappings(List<Map<String, String>> rows) {
        List<Mapping> out = new ArrayList<>();
        for (Map<String, String> row : rows) {
            checkColumns(row.keySet(), MAPPING_COLUMNS, "mappings");
            long va = number("va", required(row, "va"));
            String size = blankToNull(row.get("size")), prot = blankToNull(row.get("prot"));
            out.add(new Mapping(va, size == null ? PAGE : number("size", size), prot == null ? Prot.RW : prot(prot)));
        }
        return out;
    }

    /** "VA", or "VA SIZE PROT" as in a processes table cell. */
    static Mapping mapping(String text) {
        String[] p = text.split("\\s+");
        if (p.length == 1) return new Mapping(number("mapping", p[0]), PAGE, Prot.RW);
        if (p.length == 3) return new Mapping(number("mapping va", p[0]), number("mapping size", p[1]), prot(p[2]));
        throw new IllegalArgumentException("a mapping is \"VA\" or \"VA SIZE PROT\" (e.g. 0x400000 0x10000 rw), not \"" + text + "\"");
    }

    static long number(String what, String text) {
        try {
            return Long.decode(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number (decimal or 0x hex), not \"" + text + "\"");
        }
    }

    private static long range(String what, String text, long lo, long hi) {
        long v = number(what, text);
        if (v < lo || v > hi) throw new IllegalArgumentException(what + " must be in " + lo + ".." + hi + ", not " + text);
        return v;
    }

    private static Prot prot(String p) {
        return switch (p) {
            case "r", "rw", "rx", "rwx" -> Prot.parse(p);
            default -> throw new IllegalArgumentException("prot is r, rw, rx or rwx, not \"" + p + "\"");
        };
    }

    private static boolean tableFormat(String what, String v) {
        return switch (v) {
            case "two-level" -> true;
            case "linear" -> false;
            default -> throw new IllegalArgumentException(what + " is two-level or linear, not \"" + v + "\"");
        };
    }

    private static boolean bool(String what, String v) {
        return switch (v) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new IllegalArgumentException(what + " is true or false, not \"" + v + "\"");
        };
    }

    private static boolean optionalBool(Map<String, String> row, String key, boolean dflt) {
        String v = blankToNull(row.get(key));
        return v == null ? dflt : bool(key, v);
    }

    private static Integer optionalInt(Map<String, String> row, String key) {
        String v = blankToNull(row.get(key));
        return v == null ? null : (int) number(key, v);
    }

    private static String required(Map<String, String> row, String key) {
        String v = blankToNull(row.get(key));
        if (v == null) throw new IllegalArgumentException("every row needs a \"" + key + "\"");
        return v;
    }

    private static String blankToNull(String v) { return v == null || v.isBlank() ? null : v.strip(); }

    private static void checkColumns(Set<String> columns, List<String> known, String table) {
        for (String c : columns)
            if (!known.contains(c)) throw new IllegalArgumentException(Names.unknown("column of a " + table + " table", c, known));
    }

    /** Keeps the row order of a two-column table (DataTable.asMap does not promise it). */
    static Map<String, String> keyValues(List<List<String>> cells) {
        Map<String, String> out = new LinkedHashMap<>();
        for (List<String> row : cells) {
            if (row.size() != 2) throw new IllegalArgumentException("this table has two columns, key | value; a row has " + row.size());
            if (out.put(row.get(0).strip(), row.get(1)) != null) throw new IllegalArgumentException("\"" + row.get(0) + "\" is given twice");
        }
        return out;
    }
}
