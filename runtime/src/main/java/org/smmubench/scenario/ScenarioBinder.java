package org.smmubench.scenario;

import static org.smmubench.scenario.TreeReader.path;
import static org.smmubench.scenario.TreeReader.str;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.smmubench.check.Invariants;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.kernel.sched.Schedule;

import tools.jackson.databind.JsonNode;

/** Binds one document's tree to a {@link Scenario}; semantic errors collect in the reader. */
final class ScenarioBinder {
    private final TreeReader r;

    ScenarioBinder(YamlDocument doc) {
        this.r = new TreeReader(doc);
    }

    List<InputError> errors() { return r.errors; }

    Scenario bind() {
        JsonNode root = r.doc.root();
        if (!root.isObject()) return null;
        TopologyBinder topo = new TopologyBinder(r);
        SmmuOptions smmu = topo.smmu(root);
        List<DeviceSpec> devices = topo.devices(root, smmu);
        List<ProcessSpec> processes = topo.processes(root, smmu);
        List<String> deviceNames = new ArrayList<>();
        devices.forEach(d -> { if (d.name() != null && !deviceNames.contains(d.name())) deviceNames.add(d.name()); });
        List<String> processNames = new ArrayList<>();
        processes.forEach(p -> { if (p.name() != null && !processNames.contains(p.name())) processNames.add(p.name()); });
        List<Step> steps = pin(root, new StepBinder(r, deviceNames, processNames).steps(root));
        return new Scenario(str(root, "scenario"), str(root, "description"), drivers(root), smmu,
                devices, processes, steps, expectation(root), r.doc.start(), tags(root));
    }

    // The schema has checked the shape (a list of tag strings); stored with their '@'.
    private List<String> tags(JsonNode root) {
        JsonNode n = root.get("tags");
        List<String> out = new ArrayList<>();
        if (n == null || !n.isArray()) return out;
        for (int i = 0; i < n.size(); i++)
            if (n.get(i).isString() && !out.contains(Scenario.tag(n.get(i).asString()))) out.add(Scenario.tag(n.get(i).asString()));
        return out;
    }

    /** {@code schedule:} pins the interleaving of the (one) parallel step. */
    private List<Step> pin(JsonNode root, List<Step> steps) {
        String text = str(root, "schedule");
        if (text == null) return steps;
        SourcePos at = r.at(List.of("schedule"));
        Schedule schedule;
        try {
            schedule = Schedule.parse(text);
        } catch (IllegalArgumentException e) {
            r.error(at, "schedule: " + e.getMessage());
            return steps;
        }
        List<Step> out = new ArrayList<>(steps);
        for (int i = 0; i < out.size(); i++) {
            if (!(out.get(i) instanceof Step.Parallel p)) continue;
            int tasks = p.branches().size();
            for (Schedule.Slice sl : schedule.slices()) {
                if (sl.task() >= tasks) {
                    r.error(at, "schedule names t" + (sl.task() + 1) + ", but the parallel step has " + tasks + " branches (t1..t" + tasks + ")");
                    return steps;
                }
            }
            out.set(i, new Step.Parallel(p.branches(), schedule, p.pos()));
            return out;
        }
        r.error(r.keyAt(List.of("schedule")), "schedule pins the interleaving of a parallel step, and this scenario has none");
        return steps;
    }

    private List<String> drivers(JsonNode root) {
        JsonNode n = root.get("driver");
        if (n == null) return List.of();
        List<String> names = new ArrayList<>();
        if (n.isString()) names.add(n.asString());
        else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                JsonNode el = n.get(i);
                if (!el.isString()) continue;
                String name = el.asString();
                if (!name.equals("all") && DriverVariants.resolve(name).isEmpty())
                    r.error(r.at(List.of("driver", i)), unknownDriver(name, DriverVariants.names()));
                names.add(name);
            }
        }
        if (n.isString() && !n.asString().equals("all") && DriverVariants.resolve(n.asString()).isEmpty())
            r.error(r.at(List.of("driver")), unknownDriver(n.asString(), DriverVariants.names()));
        return DriverVariants.expand(names);
    }

    /** A tree name with a bad commit says what is wrong with it; any other name gets the list of names. */
    static String unknownDriver(String name, List<String> known) {
        return DriverVariants.problem(name).orElseGet(() -> Names.unknown("driver", name, known));
    }

    private Expectation expectation(JsonNode root) {
        JsonNode e = root.get("expect");
        if (e == null || !e.isObject()) return Expectation.none();
        Optional<Set<String>> all = Optional.empty();
        Map<String, Set<String>> perDriver = new LinkedHashMap<>();
        Map<String, String> keyFor = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : e.properties()) {
            String key = entry.getKey();
            List<Object> p = List.of("expect", key);
            if (key.equals("violations")) {
                all = Optional.of(invariants(entry.getValue(), p));
                continue;
            }
            Optional<String> id = DriverVariants.resolve(key);
            if (id.isEmpty()) {
                List<String> known = new ArrayList<>(List.of("violations"));
                DriverVariants.names().stream().filter(s -> !s.equals("all")).forEach(known::add);
                r.error(r.keyAt(p), "expect: " + unknownDriver(key, known));
                continue;
            }
            String prev = keyFor.putIfAbsent(id.get(), key);
            if (prev != null) {
                r.error(r.keyAt(p), "expect: '" + key + "' and '" + prev + "' both name driver " + id.get());
                continue;
            }
            JsonNode v = entry.getValue();
            perDriver.put(id.get(), v.isObject() ? invariants(v.get("violations"), path(p, "violations")) : Set.of());
        }
        return new Expectation(all, perDriver);
    }

    private Set<String> invariants(JsonNode list, List<Object> p) {
        Set<String> out = new LinkedHashSet<>();
        if (list == null || !list.isArray()) return out;
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            if (!n.isString()) continue;
            if (Invariants.find(n.asString()).isEmpty())
                r.error(r.at(path(p, i)), Names.unknown("invariant", n.asString(), Invariants.ids()));
            else out.add(n.asString());
        }
        return Set.copyOf(out);
    }
}
