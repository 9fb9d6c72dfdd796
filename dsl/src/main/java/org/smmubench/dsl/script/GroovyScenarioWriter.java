package org.smmubench.dsl.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.smmubench.iommu.Bus;
import org.smmubench.scenario.DeviceSpec;
import org.smmubench.kernel.Hex;
import org.smmubench.scenario.Mapping;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.SmmuOptions;
import org.smmubench.scenario.Step;

/**
 * Scenario → a {@code *.groovy} script in the Groovy spelling of docs/format.md, which
 * {@link GroovyScenarioLoader} reads back to an equal scenario. Used by the REPL's
 * {@code save x.groovy}; numbers are written in hex where kernel developers read hex.
 */
public final class GroovyScenarioWriter {
    private GroovyScenarioWriter() {}

    public static String write(List<Scenario> scenarios) {
        StringBuilder b = new StringBuilder();
        for (Scenario s : scenarios) {
            if (b.length() > 0) b.append('\n');
            b.append(write(s));
        }
        return b.toString();
    }

    public static String write(Scenario s) {
        List<String> l = new ArrayList<>();
        l.add("scenario " + q(s.name()));
        if (s.description() != null && !s.description().isBlank()) l.add("description " + q(s.description()));
        if (!s.drivers().isEmpty()) l.add("driver " + String.join(", ", s.drivers().stream().map(d -> q(d)).toList()));
        if (!s.tags().isEmpty()) l.add("tags " + String.join(", ", s.tags().stream().map(GroovyScenarioWriter::q).toList()));
        String smmu = smmu(s.smmu());
        if (!smmu.isEmpty()) l.add("smmu " + smmu);
        for (DeviceSpec d : s.devices()) l.add(device(d));
        for (ProcessSpec p : s.processes()) l.add(process(p));
        for (Step st : s.steps()) l.add(step(st));
        Map<String, Set<String>> per = new TreeMap<>(s.expect().perDriver());
        s.expect().all().ifPresent(all -> l.add("expect violations: " + list(all)));
        per.forEach((d, ids) -> l.add("expect " + q(d) + ", violations: " + list(ids)));
        return String.join("\n", l) + "\n";
    }

    static String device(DeviceSpec d) {
        StringBuilder b = new StringBuilder(d.bus() == Bus.PCI ? "pci " : "platform ").append(q(d.name()));
        b.append(", sid: ").append(d.sids().size() == 1 ? hex(d.sids().get(0))
                : "[" + String.join(", ", d.sids().stream().map(GroovyScenarioWriter::hex).toList()) + "]");
        if (d.group() != null) b.append(", group: ").append(q(d.group()));
        if (d.pasidBits() != null) b.append(", pasidBits: ").append(d.pasidBits());
        if (d.ats()) b.append(", ats: true");
        if (!d.sva()) b.append(", sva: false");
        if (d.defaultDomain() != org.smmubench.iommu.IommuDomainType.DMA) b.append(", defaultDomain: ").append(q(d.defaultDomainName()));
        return b.toString();
    }

    static String process(ProcessSpec p) {
        StringBuilder b = new StringBuilder("process ").append(q(p.name()));
        if (p.pasid() != null) b.append(", pasid: ").append(p.pasid());
        if (p.asid() != null) b.append(", asid: ").append(p.asid());
        if (!p.mappings().isEmpty()) {
            List<String> maps = new ArrayList<>();
            for (Mapping m : p.mappings())
                maps.add("[va: " + Hex.of(m.va()) + ", size: " + Hex.of(m.size()) + ", prot: " + q(m.prot().yamlName()) + "]");
            b.append(", mappings: [").append(String.join(", ", maps)).append(']');
        }
        return b.toString();
    }

    /** {@code [default: 'ok', 'v6.8-HASH': 'EBUSY']}: a per-tree step expectation, trees sorted. */
    private static String perTree(String all, Map<String, String> byTree) {
        List<String> parts = new ArrayList<>();
        if (all != null) parts.add("default: " + q(all));
        new TreeMap<>(byTree).forEach((tree, result) -> parts.add(q(tree) + ": " + q(result)));
        return "[" + String.join(", ", parts) + "]";
    }

    static String step(Step s) {
        if (s instanceof Step.Bind x) return "bind " + q(x.device()) + ", " + q(x.process()) + errno(x.expect(), x.expectByTree());
        if (s instanceof Step.Unbind x) return "unbind " + q(x.device()) + ", " + q(x.process()) + errno(x.expect(), x.expectByTree());
        if (s instanceof Step.Attach x) return "attach " + q(x.device()) + ", " + q(x.domain()) + errno(x.expect(), x.expectByTree());
        if (s instanceof Step.Dma x) {
            String who = x.process() != null ? ", " + q(x.process()) : "";
            String pasid = x.pasid() != null ? ", pasid: " + Hex.of(x.pasid()) : "";
            String expect = !x.expectByTree().isEmpty() ? ", expect: " + perTree(x.expect(), x.expectByTree())
                    : x.expect() != null ? ", expect: " + q(x.expect()) : "";
            return "dma " + q(x.device()) + who + pasid + ", va: " + Hex.of(x.va()) + ", access: " + q(x.access().yamlName()) + expect;
        }
        if (s instanceof Step.Map x)
            return "map " + q(x.process()) + ", va: " + Hex.of(x.va()) + ", size: " + Hex.of(x.size()) + ", prot: " + q(x.prot().yamlName());
        if (s instanceof Step.CpuWrite x) return "cpuWrite " + q(x.process()) + ", va: " + Hex.of(x.va());
        if (s instanceof Step.Unmap x) return "unmap " + q(x.process()) + ", va: " + Hex.of(x.va()) + ", size: " + Hex.of(x.size());
        if (s instanceof Step.Exit x) return "exit " + q(x.process());
        if (s instanceof Step.Fail x)
            return "fail " + q(x.site()) + (x.nth() != 1 ? ", nth: " + x.nth() : "") + (x.device() != null ? ", device: " + q(x.device()) : "");
        if (s instanceof Step.Parallel x) {
            if (x.schedule() != null)
                throw new IllegalArgumentException("a pinned schedule has no Groovy statement yet; save the scenario as .yaml");
            StringBuilder b = new StringBuilder("parallel");
            for (List<Step> branch : x.branches())
                b.append(" { ").append(String.join("; ", branch.stream().map(GroovyScenarioWriter::step).toList())).append(" }");
            return b.toString();
        }
        throw new IllegalArgumentException("unknown step " + s);
    }

    private static String smmu(SmmuOptions o) {
        SmmuOptions d = SmmuOptions.defaults();
        List<String> parts = new ArrayList<>();
        if (o.twoLevelCdTable() != d.twoLevelCdTable()) parts.add("cdTable: " + q(o.twoLevelCdTable() ? "two-level" : "linear"));
        if (o.twoLevelStreamTable() != d.twoLevelStreamTable())
            parts.add("streamTable: " + q(o.twoLevelStreamTable() ? "two-level" : "linear"));
        if (o.ssidBits() != d.ssidBits()) parts.add("ssidBits: " + o.ssidBits());
        if (o.sidBits() != d.sidBits()) parts.add("sidBits: " + o.sidBits());
        if (o.asidBits() != d.asidBits()) parts.add("asidBits: " + o.asidBits());
        if (o.ats() != d.ats()) parts.add("ats: " + o.ats());
        if (o.stall() != d.stall()) parts.add("stall: " + o.stall());
        if (o.rangeInv() != d.rangeInv()) parts.add("rangeInv: " + o.rangeInv());
        return String.join(", ", parts);
    }


    private static String errno(String expect, Map<String, String> byTree) {
        if (!byTree.isEmpty()) return ", expect: " + perTree(expect, byTree);
        return expect == null || expect.equals("ok") ? "" : ", expect: " + q(expect);
    }

    private static String list(Set<String> ids) {
        return "[" + String.join(", ", new TreeSet<>(ids).stream().map(GroovyScenarioWriter::q).toList()) + "]";
    }

    private static String hex(int v) { return Hex.of(Integer.toUnsignedLong(v)); }

    /** A single-quoted Groovy string literal (no interpolation). */
    static String q(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }
}
