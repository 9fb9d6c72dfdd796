package org.smmubench.scenario;

import org.smmubench.kernel.Hex;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Writes scenarios as YAML in the docs/format.md layout (what the REPL's {@code save}
 * produces), so that {@link ScenarioLoader} reads back the same records. Addresses and
 * stream IDs are hex, PASIDs and bit widths decimal, as users write them; sets are sorted
 * so the output is deterministic.
 */
public final class ScenarioWriter {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_./(][A-Za-z0-9 _./()+=-]*");
    private static final Set<String> RESERVED = Set.of("true", "false", "null", "True", "False", "Null",
            "TRUE", "FALSE", "NULL", "yes", "no", "on", "off", "y", "n");

    private ScenarioWriter() {}

    /** Several scenarios as one multi-document file. */
    public static String write(List<Scenario> scenarios) {
        StringJoiner out = new StringJoiner("---\n");
        scenarios.forEach(s -> out.add(write(s)));
        return out.toString();
    }

    public static void write(Path file, List<Scenario> scenarios) throws IOException {
        Files.writeString(file, write(scenarios), StandardCharsets.UTF_8);
    }

    public static String write(Scenario s) {
        StringBuilder b = new StringBuilder();
        b.append("scenario: ").append(scalar(s.name())).append('\n');
        if (s.description() != null) b.append("description: ").append(scalar(s.description())).append('\n');
        if (!s.drivers().isEmpty()) b.append("driver: ").append(flowList(s.drivers())).append('\n');
        if (!s.tags().isEmpty()) b.append("tags: ").append(flowList(s.tags())).append('\n');
        smmu(b, s.smmu());
        if (!s.devices().isEmpty()) {
            b.append("devices:\n");
            s.devices().forEach(d -> b.append("  - ").append(device(d)).append('\n'));
        }
        if (!s.processes().isEmpty()) {
            b.append("processes:\n");
            s.processes().forEach(p -> process(b, p));
        }
        if (!s.steps().isEmpty()) {
            b.append("steps:\n");
            s.steps().forEach(st -> b.append("  - ").append(step(st)).append('\n'));
        }
        s.steps().stream().filter(st -> st instanceof Step.Parallel p && p.schedule() != null).findFirst()
                .ifPresent(st -> b.append("schedule: ").append(scalar(((Step.Parallel) st).schedule().toString())).append('\n'));
        expect(b, s.expect());
        return b.toString();
    }

    /** Only what differs from the defaults, so saved files say what matters. */
    private static void smmu(StringBuilder b, SmmuOptions o) {
        SmmuOptions d = SmmuOptions.defaults();
        if (o.equals(d)) return;
        b.append("smmu:\n");
        if (o.twoLevelCdTable() != d.twoLevelCdTable()) b.append("  cd-table: ").append(levels(o.twoLevelCdTable())).append('\n');
        if (o.twoLevelStreamTable() != d.twoLevelStreamTable()) b.append("  stream-table: ").append(levels(o.twoLevelStreamTable())).append('\n');
        if (o.ssidBits() != d.ssidBits()) b.append("  ssid-bits: ").append(o.ssidBits()).append('\n');
        if (o.sidBits() != d.sidBits()) b.append("  sid-bits: ").append(o.sidBits()).append('\n');
        if (o.asidBits() != d.asidBits()) b.append("  asid-bits: ").append(o.asidBits()).append('\n');
        if (o.ats() != d.ats()) b.append("  ats: ").append(o.ats()).append('\n');
        if (o.stall() != d.stall()) b.append("  stall: ").append(o.stall()).append('\n');
        if (o.rangeInv() != d.rangeInv()) b.append("  range-inv: ").append(o.rangeInv()).append('\n');
    }

    private static String levels(boolean twoLevel) { return twoLevel ? "two-level" : "linear"; }

    private static String device(DeviceSpec d) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("name", scalar(d.name()));
        m.put("bus", d.bus().yamlName());
        List<String> sids = new ArrayList<>();
        d.sids().forEach(sid -> sids.add(Hex.of(Integer.toUnsignedLong(sid))));
        m.put("sid", sids.size() == 1 ? sids.get(0) : "[" + String.join(", ", sids) + "]");
        if (d.pasidBits() != null) m.put("pasid-bits", d.pasidBits().toString());
        if (d.ats()) m.put("ats", "true");
        if (!d.sva()) m.put("sva", "false");
        if (d.group() != null) m.put("group", scalar(d.group()));
        if (d.defaultDomain() != org.smmubench.iommu.IommuDomainType.DMA) m.put("default-domain", d.defaultDomainName());
        return flowMap(m);
    }

    private static void process(StringBuilder b, ProcessSpec p) {
        b.append("  - name: ").append(scalar(p.name())).append('\n');
        if (p.pasid() != null) b.append("    pasid: ").append(p.pasid()).append('\n');
        if (p.asid() != null) b.append("    asid: ").append(p.asid()).append('\n');
        if (!p.mappings().isEmpty()) {
            b.append("    mappings:\n");
            for (Mapping m : p.mappings()) {
                b.append("      - {va: ").append(Hex.of(m.va())).append(", size: ").append(Hex.of(m.size()))
                        .append(", prot: ").append(m.prot().yamlName()).append("}\n");
            }
        }
    }

    /** {@code {default: ok, v6.8-HASH: EBUSY}}: a per-tree step expectation, trees sorted. */
    private static String expectMap(String all, Map<String, String> byTree) {
        List<String> parts = new ArrayList<>();
        if (all != null) parts.add("default: " + all);
        new java.util.TreeMap<>(byTree).forEach((tree, result) -> parts.add(scalar(tree) + ": " + result));
        return "{" + String.join(", ", parts) + "}";
    }

    static String step(Step s) {
        if (s instanceof Step.Parallel p) {
            StringJoiner branches = new StringJoiner(", ", "[", "]");
            for (List<Step> b : p.branches()) {
                StringJoiner steps = new StringJoiner(", ", "[", "]");
                b.forEach(st -> steps.add("{" + step(st) + "}"));
                branches.add(steps.toString());
            }
            return "parallel: " + branches;
        }
        Map<String, String> m = new java.util.LinkedHashMap<>();
        String kind;
        if (s instanceof Step.Bind || s instanceof Step.Unbind) {
            boolean bind = s instanceof Step.Bind;
            kind = bind ? "bind" : "unbind";
            m.put("device", scalar(bind ? ((Step.Bind) s).device() : ((Step.Unbind) s).device()));
            m.put("process", scalar(bind ? ((Step.Bind) s).process() : ((Step.Unbind) s).process()));
            String expect = bind ? ((Step.Bind) s).expect() : ((Step.Unbind) s).expect();
            Map<String, String> byTree = bind ? ((Step.Bind) s).expectByTree() : ((Step.Unbind) s).expectByTree();
            if (!byTree.isEmpty()) m.put("expect", expectMap(expect, byTree));
            else if (expect != null && !expect.equals("ok")) m.put("expect", expect);
        } else if (s instanceof Step.Dma) {
            Step.Dma d = (Step.Dma) s;
            kind = "dma";
            m.put("device", scalar(d.device()));
            if (d.process() != null) m.put("process", scalar(d.process()));
            if (d.pasid() != null) m.put("pasid", d.pasid().toString());
            m.put("va", Hex.of(d.va()));
            m.put("access", d.access().yamlName());
            if (!d.expectByTree().isEmpty()) m.put("expect", expectMap(d.expect(), d.expectByTree()));
            else if (d.expect() != null) m.put("expect", d.expect());
        } else if (s instanceof Step.Map) {
            Step.Map d = (Step.Map) s;
            kind = "map";
            m.put("process", scalar(d.process()));
            m.put("va", Hex.of(d.va()));
            m.put("size", Hex.of(d.size()));
            m.put("prot", d.prot().yamlName());
        } else if (s instanceof Step.Unmap) {
            Step.Unmap d = (Step.Unmap) s;
            kind = "unmap";
            m.put("process", scalar(d.process()));
            m.put("va", Hex.of(d.va()));
            m.put("size", Hex.of(d.size()));
        } else if (s instanceof Step.Attach d) {
            kind = "attach";
            m.put("device", scalar(d.device()));
            m.put("domain", scalar(d.domain()));
            if (!d.expectByTree().isEmpty()) m.put("expect", expectMap(d.expect(), d.expectByTree()));
            else if (d.expect() != null && !d.expect().equals("ok")) m.put("expect", d.expect());
        } else if (s instanceof Step.CpuWrite d) {
            kind = "cpu-write";
            m.put("process", scalar(d.process()));
            m.put("va", Hex.of(d.va()));
        } else if (s instanceof Step.Fail) {
            Step.Fail d = (Step.Fail) s;
            kind = "fail";
            m.put("site", scalar(d.site()));
            if (d.nth() != 1) m.put("nth", Integer.toString(d.nth()));
            if (d.device() != null) m.put("device", scalar(d.device()));
        } else {
            kind = "exit";
            m.put("process", scalar(((Step.Exit) s).process()));
        }
        return kind + ": " + flowMap(m);
    }

    private static void expect(StringBuilder b, Expectation e) {
        if (e.all().isEmpty() && e.perDriver().isEmpty()) {
            b.append("expect: {}\n");
            return;
        }
        b.append("expect:\n");
        e.all().ifPresent(all -> b.append("  violations: ").append(flowList(new TreeSet<>(all))).append('\n'));
        new TreeMap<>(e.perDriver()).forEach((driver, set) ->
                b.append("  ").append(scalar(driver)).append(": {violations: ").append(flowList(new TreeSet<>(set))).append("}\n"));
    }

    private static String flowMap(Map<String, String> m) {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        m.forEach((k, v) -> j.add(k + ": " + v));
        return j.toString();
    }

    private static String flowList(java.util.Collection<String> items) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        items.forEach(i -> j.add(scalar(i)));
        return j.toString();
    }

    /** Plain when YAML would read it back as the same string; otherwise double-quoted with JSON escapes (valid YAML). */
    static String scalar(String s) {
        if (PLAIN.matcher(s).matches() && !s.endsWith(" ") && !RESERVED.contains(s)) return s;
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\t': b.append("\\t"); break;
                case '\r': b.append("\\r"); break;
                default:
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
