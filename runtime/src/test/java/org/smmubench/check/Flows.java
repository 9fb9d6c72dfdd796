package org.smmubench.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;
import org.smmubench.bench.BenchParts;
import org.smmubench.bench.RecordedViolation;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.ScenarioRunner;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioLoader;

/**
 * Scenarios for the invariant tests: the correct flows every invariant must stay silent on
 * (both drivers), and helpers to run a scenario on a driver, real or deliberately broken.
 */
final class Flows {
    private Flows() {}

    static final String PROC1 = """
            processes:
              - name: proc1
                pasid: 0x400
                mappings:
                  - {va: 0x400000, size: 0x2000, prot: rw}
            """;

    /** Name -> YAML (without the driver line: the test picks the driver). */
    static final Map<String, String> CORRECT = new LinkedHashMap<>();

    static {
        CORRECT.put("pci two-level bind at 0x400, dma, unbind", """
                scenario: pci two-level
                devices:
                  - {name: nic0, bus: pci, sid: 0x100}
                """ + PROC1 + """
                steps:
                  - bind:   {device: nic0, process: proc1}
                  - dma:    {device: nic0, process: proc1, va: 0x400000, access: write, expect: ok}
                  - unbind: {device: nic0, process: proc1}
                  - dma:    {device: nic0, process: proc1, va: 0x400000, access: write, expect: fault}
                """);
        CORRECT.put("platform group of two", """
                scenario: platform group
                devices:
                  - {name: dsp0, bus: platform, sid: 0x10, group: dsp}
                  - {name: dsp1, bus: platform, sid: 0x11, group: dsp}
                """ + PROC1 + """
                steps:
                  - bind:   {device: dsp0, process: proc1}
                  - dma:    {device: dsp1, process: proc1, va: 0x400000, access: read, expect: ok}
                  - unbind: {device: dsp0, process: proc1}
                  - dma:    {device: dsp1, process: proc1, va: 0x400000, access: read, expect: fault}
                """);
        CORRECT.put("linear CD tables", """
                scenario: linear
                smmu: {cd-table: linear}
                devices:
                  - {name: nic0, bus: pci, sid: 0x100}
                  - {name: dsp0, bus: platform, sid: 0x10, pasid-bits: 4}
                processes:
                  - name: proc1
                    mappings:
                      - {va: 0x400000, size: 0x1000, prot: rw}
                  - name: proc2
                    mappings:
                      - {va: 0x400000, size: 0x1000, prot: rw}
                steps:
                  - bind:   {device: nic0, process: proc1}
                  - bind:   {device: dsp0, process: proc2}
                  - bind:   {device: nic0, process: proc2}
                  - dma:    {device: dsp0, process: proc2, va: 0x400000, access: read, expect: ok}
                  - unbind: {device: nic0, process: proc1}
                  - dma:    {device: nic0, process: proc2, va: 0x400000, access: read, expect: ok}
                  - unbind: {device: nic0, process: proc2}
                """);
        CORRECT.put("exit while bound (group of two)", """
                scenario: exit while bound
                devices:
                  - {name: dsp0, bus: platform, sid: 0x10, group: dsp}
                  - {name: dsp1, bus: platform, sid: 0x11, group: dsp}
                  - {name: nic0, bus: pci, sid: 0x100}
                """ + PROC1 + """
                steps:
                  - bind:   {device: dsp0, process: proc1}
                  - bind:   {device: nic0, process: proc1}
                  - exit:   {process: proc1}
                  - dma:    {device: dsp1, process: proc1, va: 0x400000, access: write, expect: fault}
                  - unbind: {device: dsp0, process: proc1}
                  - dma:    {device: nic0, process: proc1, va: 0x400000, access: write, expect: fault}
                  - unbind: {device: nic0, process: proc1}
                """);
        CORRECT.put("double bind, one mm on two domains", """
                scenario: double bind
                devices:
                  - {name: nic0, bus: pci, sid: 0x100}
                  - {name: nic1, bus: pci, sid: 0x200}
                """ + PROC1 + """
                steps:
                  - bind:   {device: nic0, process: proc1}
                  - bind:   {device: nic0, process: proc1}
                  - bind:   {device: nic1, process: proc1}
                  - unbind: {device: nic0, process: proc1}
                  - dma:    {device: nic0, process: proc1, va: 0x400000, access: read, expect: ok}
                  - unbind: {device: nic0, process: proc1}
                  - dma:    {device: nic0, process: proc1, va: 0x400000, access: read, expect: fault}
                  - dma:    {device: nic1, process: proc1, va: 0x400000, access: read, expect: ok}
                """);
        CORRECT.put("group rollback after a failed set_dev_pasid", """
                scenario: rollback
                devices:
                  - {name: dsp0, bus: platform, sid: 0x10, group: dsp}
                  - {name: dsp1, bus: platform, sid: 0x11, group: dsp}
                """ + PROC1 + """
                steps:
                  - fail:   {site: set_dev_pasid, device: dsp1}
                  - bind:   {device: dsp0, process: proc1, expect: ENOMEM}
                  - bind:   {device: dsp0, process: proc1}
                  - unbind: {device: dsp0, process: proc1}
                """);
        CORRECT.put("injected failures at bind", """
                scenario: failures
                devices:
                  - {name: nic0, bus: pci, sid: 0x100}
                """ + PROC1 + """
                steps:
                  - fail:   {site: dma_alloc.cd_leaf}
                  - bind:   {device: nic0, process: proc1, expect: ENOMEM}
                  - fail:   {site: kzalloc.notifier}
                  - bind:   {device: nic0, process: proc1, expect: ENOMEM}
                  - fail:   {site: mmu_notifier_register}
                  - bind:   {device: nic0, process: proc1, expect: ENOMEM}
                  - fail:   {site: kzalloc.cd}
                  - bind:   {device: nic0, process: proc1, expect: ENOMEM}
                  - bind:   {device: nic0, process: proc1}
                  - dma:    {device: nic0, process: proc1, va: 0x400000, access: read, expect: ok}
                """);
    }

    static final List<String> DRIVERS = List.of(DriverVariants.PRE_FIX, DriverVariants.FIXED);
    /** Where the correct flows must stay silent: the v6.8 trees and the later bases. */
    static final List<String> SILENT = List.of(DriverVariants.PRE_FIX, DriverVariants.FIXED, "v6.10", "v6.11", "v6.18");

    /**
     * Correct flows that are not silent on a later base, and why: on v6.11 a group's second
     * device stays off the DMA domain's devices list (domain-devices; the kernel's probe path
     * does the same, see examples/groups/platform-group-of-two.yaml), and the injected-failure flow arms v6.8's
     * sites (kzalloc.notifier, kzalloc.cd), which v6.11's bind never reaches. v6.18 keeps both
     * (its arm_smmu_attach_dev and SVA bind are v6.11's on those paths).
     */
    private static final java.util.Set<String> NOT_SILENT_AFTER_6_11 = java.util.Set.of(
            "platform group of two", "exit while bound (group of two)", "group rollback after a failed set_dev_pasid",
            "injected failures at bind");
    static final Map<String, java.util.Set<String>> NOT_SILENT_ON = Map.of("v6.11", NOT_SILENT_AFTER_6_11,
            "v6.18", NOT_SILENT_AFTER_6_11);

    /** (flow name, driver id) for every correct flow on every driver it is silent on. */
    static Stream<Arguments> correct() {
        List<Arguments> out = new ArrayList<>();
        for (String f : CORRECT.keySet()) {
            for (String d : SILENT) if (!NOT_SILENT_ON.getOrDefault(d, java.util.Set.of()).contains(f)) out.add(Arguments.of(f, d));
        }
        return out.stream();
    }

    static Scenario parse(String name, String yaml) { return ScenarioLoader.parse(name, yaml).get(0); }

    /** Runs a scenario on {@code parts} (all of a driver's invariants unless the parts say otherwise). */
    static RunResult run(String yaml, BenchParts parts) { return ScenarioRunner.run(parse("test", yaml), parts, false); }

    /** Runs a correct flow on a real driver with only the invariant under test (the kernel's detectors always run). */
    static RunResult runCorrect(String flow, String driver, Supplier<Invariant> inv) {
        return run(CORRECT.get(flow), BenchParts.of(driver).withInvariants(() -> List.of(inv.get())));
    }

    /** Runs a correct flow on a real driver with no whole-state invariants: only what the kernel context catches. */
    static RunResult runKernelOnly(String flow, String driver) {
        return run(CORRECT.get(flow), BenchParts.of(driver).withInvariants(InvariantSet::none));
    }

    static BenchParts parts(String driver, UnaryOperator<BenchParts> change) { return change.apply(BenchParts.of(driver)); }

    /** The messages reported under {@code id}, in report order. */
    static List<String> messages(RunResult r, String id) {
        List<String> out = new ArrayList<>();
        for (RecordedViolation v : r.violations()) if (v.invariant().equals(id)) out.add(v.violation().message());
        return out;
    }

    static List<RecordedViolation> violations(RunResult r, String id) {
        return r.violations().stream().filter(v -> v.invariant().equals(id)).toList();
    }

    /** Everything a run reported, for assertion messages. */
    static String dump(RunResult r) {
        StringBuilder sb = new StringBuilder();
        for (RecordedViolation v : r.violations()) {
            sb.append("\n  step ").append(v.step()).append(' ').append(v.invariant()).append(": ").append(v.violation().message());
        }
        r.stepFailures().forEach(f -> sb.append("\n  ").append(f.message()));
        return sb.toString();
    }
}
