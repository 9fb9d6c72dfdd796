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
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioRules;
import org.smmubench.scenario.SmmuOptions;
import org.smmubench.scenario.SourcePos;
import org.smmubench.scenario.Step;

/**
 * One scenario being assembled statement by statement, each record checked by the input
 * rules every door shares ({@link ScenarioRules}) so a script fails at the line of the
 * mistake, before anything runs.
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
    /** The input rules every door shares (ScenarioRules), in this scenario's state so far. */
    private ScenarioRules rules = new ScenarioRules();

    /** A new builder that shares this one's drivers, SMMU and topology, but no steps or expectations. */
    public ScenarioBuilder copyTopology() {
        ScenarioBuilder b = new ScenarioBuilder();
        b.drivers = new ArrayList<>(drivers);
        b.tags.addAll(tags);
        b.smmu = smmu;
        b.devices.putAll(devices);
        b.processes.putAll(processes);
        b.rules = rules.copy();
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
        obey(rules.smmu(options));
        this.smmu = options;
    }

    public void device(DeviceSpec d) {
        obey(rules.device(d));
        devices.put(d.name(), d);
    }

    public void process(ProcessSpec p) {
        obey(rules.process(p));
        processes.put(p.name(), p);
    }

    public void step(Step s) {
        if (s instanceof Step.Parallel && steps.stream().anyMatch(x -> x instanceof Step.Parallel))
            throw new DslError("only one parallel step per scenario is supported");
        if (s instanceof Step.Fail f && FailureSites.find(f.site()).isEmpty())
            throw new DslError("unknown failure site '" + f.site() + "'" + Suggest.hint(f.site(), FailureSites.names())
                    + "; `smmu-bench sites` lists them");
        obey(rules.step(s));
        steps.add(s);
    }

    /** The shared input rules' verdict, as the error of the statement being run. */
    private static void obey(List<String> problems) {
        if (!problems.isEmpty()) throw new DslError(String.join("; ", problems));
    }

    public void expect(List<String> driverIds, Set<String> invariants) {
        Set<String> sorted = new TreeSet<>(invariants);
        if (driverIds.isEmpty()) expectAll = sorted;
        else driverIds.forEach(d -> expectPerDriver.put(d, sorted));
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
