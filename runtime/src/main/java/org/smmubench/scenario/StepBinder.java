package org.smmubench.scenario;

import org.smmubench.mm.Prot;

import static org.smmubench.scenario.TreeReader.path;
import static org.smmubench.scenario.TreeReader.str;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.kernel.FailureSites;

import tools.jackson.databind.JsonNode;

/** Binds {@code steps:} and checks that every device and process a step names is defined. */
final class StepBinder {
    private final TreeReader r;
    private final List<String> devices;
    private final List<String> processes;

    StepBinder(TreeReader r, List<String> devices, List<String> processes) {
        this.r = r;
        this.devices = devices;
        this.processes = processes;
    }

    List<Step> steps(JsonNode root) {
        List<Step> out = new ArrayList<>();
        JsonNode list = root.get("steps");
        if (list == null || !list.isArray()) return out;
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            // Zero or several keys, or an unknown kind: the schema has said so.
            if (!item.isObject() || item.size() != 1) continue;
            Map.Entry<String, JsonNode> e = item.properties().iterator().next();
            List<Object> p = List.of("steps", i);
            if (e.getKey().equals("parallel")) {
                Step s = parallel(e.getValue(), path(p, "parallel"), r.at(p), out);
                if (s != null) out.add(s);
                continue;
            }
            if (!e.getValue().isObject()) continue;
            Step s = step(e.getKey(), e.getValue(), path(p, e.getKey()), r.at(p));
            if (s != null) out.add(s);
        }
        return out;
    }

    /**
     * {@code parallel:} a list of branches, each a list of one-key steps. Branches cannot
     * nest, and a scenario has at most one (each interleaving reruns the whole scenario; two
     * sections would multiply their spaces).
     */
    private Step parallel(JsonNode branches, List<Object> p, SourcePos pos, List<Step> before) {
        if (!branches.isArray()) return null;
        if (before.stream().anyMatch(s -> s instanceof Step.Parallel))
            r.error(pos, "only one parallel step per scenario is supported");
        List<List<Step>> out = new ArrayList<>();
        for (int b = 0; b < branches.size(); b++) {
            JsonNode branch = branches.get(b);
            if (!branch.isArray()) continue;
            List<Step> steps = new ArrayList<>();
            for (int i = 0; i < branch.size(); i++) {
                JsonNode item = branch.get(i);
                if (!item.isObject() || item.size() != 1) continue;
                Map.Entry<String, JsonNode> e = item.properties().iterator().next();
                List<Object> ip = path(p, b, i);
                if (e.getKey().equals("parallel")) {
                    r.error(r.at(ip), "parallel steps cannot nest");
                    continue;
                }
                if (!e.getValue().isObject()) continue;
                Step s = step(e.getKey(), e.getValue(), path(ip, e.getKey()), r.at(ip));
                if (s != null) steps.add(s);
            }
            out.add(steps);
        }
        return new Step.Parallel(out, null, pos);
    }

    private Step step(String kind, JsonNode b, List<Object> p, SourcePos pos) {
        switch (kind) {
            case "bind":
                return new Step.Bind(device(b, p, "device"), process(b, p), expectDefault(b, "ok"), expectByTree(b, p), pos);
            case "unbind":
                return new Step.Unbind(device(b, p, "device"), process(b, p), expectDefault(b, "ok"), expectByTree(b, p), pos);
            case "attach":
                return new Step.Attach(device(b, p, "device"), str(b, "domain"), expectDefault(b, "ok"), expectByTree(b, p), pos);
            case "dma": {
                String device = device(b, p, "device");
                String process = b.has("process") ? process(b, p) : null;
                Long pasid = r.number(b, p, "pasid", 0, TopologyBinder.MAX_PASID, true);
                if (b.has("process") && b.has("pasid"))
                    r.error(pos, "dma takes process or pasid, not both (neither means a transaction without a PASID)");
                Long va = r.number(b, p, "va", 0, Long.MAX_VALUE, true);
                Access access = "write".equals(str(b, "access")) ? Access.WRITE : Access.READ;
                return new Step.Dma(device, process, pasid, va != null ? va : 0, access, expectDefault(b, null),
                        expectByTree(b, p), pos);
            }
            case "map": {
                String process = process(b, p);
                Long va = r.number(b, p, "va", 0, Long.MAX_VALUE, true);
                Long size = r.number(b, p, "size", 0, Long.MAX_VALUE, true);
                r.checkPageRange(p, va, size);
                String prot = str(b, "prot");
                return new Step.Map(process, va != null ? va : 0, size != null ? size : 0,
                        prot != null && prot.matches("r|rw|rx|rwx") ? Prot.parse(prot) : Prot.R, pos);
            }
            case "unmap": {
                String process = process(b, p);
                Long va = r.number(b, p, "va", 0, Long.MAX_VALUE, true);
                Long size = r.number(b, p, "size", 0, Long.MAX_VALUE, true);
                r.checkPageRange(p, va, size);
                return new Step.Unmap(process, va != null ? va : 0, size != null ? size : 0, pos);
            }
            case "cpu-write": {
                String process = process(b, p);
                Long va = r.number(b, p, "va", 0, Long.MAX_VALUE, true);
                return new Step.CpuWrite(process, va != null ? va : 0, pos);
            }
            case "fail": {
                String site = str(b, "site");
                if (site != null && FailureSites.find(site).isEmpty())
                    r.error(r.at(path(p, "site")), Names.unknown("failure site", site, FailureSites.names()));
                Long nth = r.number(b, p, "nth", 1, Integer.MAX_VALUE, false);
                String device = b.has("device") ? device(b, p, "device") : null;
                return new Step.Fail(site, nth != null ? nth.intValue() : 1, device, pos);
            }
            case "exit":
                return new Step.Exit(process(b, p), pos);
            default:
                return null;
        }
    }

    /** The result expected on every tree without its own entry: {@code expect: X}, or the map's default. */
    private static String expectDefault(JsonNode b, String fallback) {
        JsonNode e = b.get("expect");
        if (e != null && e.isObject()) e = e.get("default");
        return e != null && e.isString() ? e.asString() : fallback;
    }

    /** {@code expect: {default: ok, TREE: RESULT, ...}}: the per-tree entries, by canonical tree name. */
    private java.util.Map<String, String> expectByTree(JsonNode b, List<Object> p) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        JsonNode e = b.get("expect");
        if (e == null || !e.isObject()) return out;
        java.util.Map<String, String> keyFor = new java.util.LinkedHashMap<>();
        List<Object> at = path(p, "expect");
        for (Map.Entry<String, JsonNode> entry : e.properties()) {
            String key = entry.getKey();
            if (key.equals("default") || !entry.getValue().isString()) continue;
            java.util.Optional<String> tree = DriverVariants.resolve(key);
            if (tree.isEmpty()) {
                List<String> known = new ArrayList<>(List.of("default"));
                DriverVariants.names().stream().filter(n -> !n.equals("all")).forEach(known::add);
                r.error(r.keyAt(path(at, key)), "expect: " + ScenarioBinder.unknownDriver(key, known));
                continue;
            }
            String prev = keyFor.putIfAbsent(tree.get(), key);
            if (prev != null) {
                r.error(r.keyAt(path(at, key)), "expect: '" + key + "' and '" + prev + "' both name driver " + tree.get());
                continue;
            }
            out.put(tree.get(), entry.getValue().asString());
        }
        return out;
    }

    private String device(JsonNode b, List<Object> p, String key) {
        String name = str(b, key);
        if (name != null && !devices.contains(name))
            r.error(r.at(path(p, key)), Names.unknown("device", name, devices));
        return name;
    }

    private String process(JsonNode b, List<Object> p) {
        String name = str(b, "process");
        if (name != null && !processes.contains(name))
            r.error(r.at(path(p, "process")), Names.unknown("process", name, processes));
        return name;
    }
}
