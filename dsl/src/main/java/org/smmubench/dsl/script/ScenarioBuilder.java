package org.smmubench.dsl.script;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.smmubench.kernel.FailureSites;
import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.Expectation;
import org.smmubench.kernel.Hex;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.SmmuOptions;
import org.smmubench.scenario.SourcePos;
import org.smmubench.scenario.Step;

/**
 * One scenario being assembled statement by statement, checked as the YAML loader checks
 * a file (duplicate names and stream IDs, unknown names in steps) so a script fails at the
 * line of the mistake, before anything runs.
 */
public final class ScenarioBuilder {
    private String name;
    private String description;
    private SourcePos pos;
    private List<String> drivers = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();
    private SmmuOptions smmu = SmmuOptions.defaults();
    private final Map<String, DeviceSpec> devices = new LinkedHashMap<>();
    private final Map<String, ProcessSpec> processes = new LinkedHashMap<>();
    private final List<Step> steps = new ArrayList<>();
    private Set<String> expectAll;
    private final Map<String, Set<String>> expectPerDriver = new LinkedHashMap<>();

    /** A new builder that shares this one's drivers, SMMU and topology, but no steps or expectations. */
    public ScenarioBuilder copyTopology() {
        ScenarioBuilder b = new ScenarioBuilder();
        b.drivers = new ArrayList<>(drivers);
        b.tags.addAll(tags);
        b.smmu = smmu;
        b.devices.putAll(devices);
        b.processes.putAll(processes);
        return b;
    }

    public boolean hasStepsOrExpectations() {
        return !steps.isEmpty() || expectAll != null || !expectPerDriver.isEmpty();
    }

    public boolean named() { return name != null; }

    public void name(String name, SourcePos pos) {
        this.name = name;
        this.pos = pos;
    }

    public void description(String text) { this.description = text; }

    public void drivers(List<String> ids) { this.drivers = new ArrayList<>(ids); }

    public void tags(List<String> tags) {
        for (String t : tags) if (!this.tags.contains(t)) this.tags.add(t);
    }

    public List<String> drivers() { return List.copyOf(drivers); }

    public SmmuOptions smmu() { return smmu; }

    public void smmu(SmmuOptions options) {
        if (!devices.isEmpty())
            throw new DslError("smmu: must come before the first device (the SMMU is probed before its devices)");
        this.smmu = options;
    }

    public void device(DeviceSpec d) {
        if (!d.name().matches("[A-Za-z0-9_.-]+"))
            throw new DslError("device name '" + d.name() + "' may only hold letters, digits, '_', '.' and '-'");
        if (devices.containsKey(d.name())) throw new DslError("duplicate device name '" + d.name() + "'");
        if (d.sids().isEmpty()) throw new DslError(d.name() + ": needs at least one stream ID (sid:)");
        for (int sid : d.sids()) {
            if (smmu.sidBits() < 32 && (sid < 0 || Integer.toUnsignedLong(sid) >= 1L << smmu.sidBits()))
                throw new DslError(d.name() + ": sid " + Hex.of(Integer.toUnsignedLong(sid)) + " does not fit in sid-bits "
                        + smmu.sidBits());
            for (DeviceSpec other : devices.values())
                if (other.sids().contains(sid))
                    throw new DslError(d.name() + ": stream ID " + Hex.of(Integer.toUnsignedLong(sid)) + " is already used by "
                            + other.name());
        }
        if (d.pasidBits() != null && (d.pasidBits() < 0 || d.pasidBits() > 20))
            throw new DslError(d.name() + ": pasidBits must be 0..20, found " + d.pasidBits());
        devices.put(d.name(), d);
    }

    public void process(ProcessSpec p) {
        if (!p.name().matches("[A-Za-z0-9_.-]+"))
            throw new DslError("process name '" + p.name() + "' may only hold letters, digits, '_', '.' and '-'");
        if (processes.containsKey(p.name())) throw new DslError("duplicate process name '" + p.name() + "'");
        if (p.asid() != null && smmu.asidProblem(p.asid()) != null) throw new DslError(p.name() + ": " + smmu.asidProblem(p.asid()));
        if (devices.containsKey(p.name()))
            throw new DslError("'" + p.name() + "' is already a device name; give the process another name");
        processes.put(p.name(), p);
    }

    public void step(Step s) {
        if (s instanceof Step.Parallel p) {
            if (steps.stream().anyMatch(x -> x instanceof Step.Parallel))
                throw new DslError("only one parallel step per scenario is supported");
            for (List<Step> branch : p.branches()) for (Step b : branch) check(b);
            steps.add(s);
            return;
        }
        check(s);
        steps.add(s);
    }

    private void check(Step s) {
        if (s instanceof Step.Bind b) { requireDevice(b.device()); requireProcess(b.process()); }
        else if (s instanceof Step.Unbind u) { requireDevice(u.device()); requireProcess(u.process()); }
        else if (s instanceof Step.Dma d) { requireDevice(d.device()); if (d.process() != null) requireProcess(d.process()); }
        else if (s instanceof Step.Map m) requireProcess(m.process());
        else if (s instanceof Step.Unmap u) requireProcess(u.process());
        else if (s instanceof Step.CpuWrite w) requireProcess(w.process());
        else if (s instanceof Step.Exit e) requireProcess(e.process());
        else if (s instanceof Step.Fail f) {
            if (FailureSites.find(f.site()).isEmpty())
                throw new DslError("unknown failure site '" + f.site() + "'" + Suggest.hint(f.site(), FailureSites.names())
                        + "; `smmu-bench sites` lists them");
            if (f.device() != null) requireDevice(f.device());
        }
    }

    public void expect(List<String> driverIds, Set<String> invariants) {
        Set<String> sorted = new TreeSet<>(invariants);
        if (driverIds.isEmpty()) expectAll = sorted;
        else driverIds.forEach(d -> expectPerDriver.put(d, sorted));
    }

    public void requireDevice(String device) {
        if (!devices.containsKey(device))
            throw new DslError("unknown device '" + device + "'" + Suggest.hint(device, devices.keySet())
                    + (devices.isEmpty() ? " (no device declared yet: pci 'NAME', sid: 0x100)" : ""));
    }

    public void requireProcess(String process) {
        if (!processes.containsKey(process))
            throw new DslError("unknown process '" + process + "'" + Suggest.hint(process, processes.keySet())
                    + (processes.isEmpty() ? " (no process declared yet: process 'NAME')" : ""));
    }

    public List<DeviceSpec> devices() { return List.copyOf(devices.values()); }

    public List<ProcessSpec> processes() { return List.copyOf(processes.values()); }

    public List<Step> steps() { return List.copyOf(steps); }

    public Optional<String> name() { return Optional.ofNullable(name); }

    /** The scenario; {@code defaultName}/{@code defaultPos} are used when no {@code scenario} statement named it. */
    public Scenario build(String defaultName, SourcePos defaultPos) {
        Map<String, Set<String>> per = new HashMap<>(expectPerDriver);
        Optional<Set<String>> all = Optional.ofNullable(expectAll);
        // No expect statement at all: "no violations", as in YAML.
        if (expectAll == null && per.isEmpty()) all = Optional.of(Set.of());
        return new Scenario(name != null ? name : defaultName, description, drivers, smmu,
                List.copyOf(devices.values()), List.copyOf(processes.values()), steps,
                new Expectation(all.map(LinkedHashSet::new).map(Set::copyOf), per),
                pos != null ? pos : defaultPos, tags);
    }
}
