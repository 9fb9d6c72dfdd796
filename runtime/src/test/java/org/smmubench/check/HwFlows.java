package org.smmubench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.smmubench.bench.BenchParts;
import org.smmubench.bench.RecordedViolation;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.ScenarioRunner;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioLoader;

/**
 * Test fixture for the hardware invariants: correct flows every invariant must stay silent
 * on (both drivers), and helpers to run a scenario on deliberately broken parts.
 */
final class HwFlows {
    private HwFlows() {}

    static final List<String> DRIVERS = List.of(DriverVariants.PRE_FIX, DriverVariants.FIXED);

    private static final String NIC = "devices: [{name: nic0, bus: pci, sid: 0x100}]\n";
    private static final String PROC = "processes: [{name: proc1, pasid: 0x400, mappings: [{va: 0x400000, size: 0x10000, prot: rw}, {va: 0x800000, size: 0x1000, prot: r}]}]\n";

    /** name -> YAML; every DMA states its expected outcome, so a silent checker is not a broken flow. */
    static final Map<String, String> CORRECT = new LinkedHashMap<>();

    static {
        CORRECT.put("pci singleton, two-level CD table, PASID 0x400", "scenario: pci\n" + NIC + PROC + """
                steps:
                  - dma: {device: nic0, va: 0x1000, access: read, expect: F_TRANSLATION}
                  - dma: {device: nic0, pasid: 9, va: 0x1000, access: read, expect: C_BAD_CD}
                  - bind: {device: nic0, process: proc1}
                  - dma: {device: nic0, process: proc1, va: 0x400000, access: write, expect: ok}
                  - dma: {device: nic0, process: proc1, va: 0x40f000, access: read, expect: ok}
                  - dma: {device: nic0, process: proc1, va: 0x400000, access: read, expect: ok}
                  - dma: {device: nic0, process: proc1, va: 0x410000, access: read, expect: F_TRANSLATION}
                  - dma: {device: nic0, process: proc1, va: 0x800000, access: write, expect: F_PERMISSION}
                  - dma: {device: nic0, pasid: 0x401, va: 0x400000, access: read, expect: C_BAD_CD}
                  - dma: {device: nic0, pasid: 0x800, va: 0x400000, access: read, expect: C_BAD_SUBSTREAMID}
                  - unbind: {device: nic0, process: proc1}
                  - dma: {device: nic0, process: proc1, va: 0x400000, access: write, expect: C_BAD_CD}
                """);
        CORRECT.put("platform group of two", "scenario: group\n" + """
                devices:
                  - {name: dsp0, bus: platform, sid: 0x10, group: dsp}
                  - {name: dsp1, bus: platform, sid: 0x11, group: dsp}
                processes: [{name: proc1, mappings: [{va: 0x400000, size: 0x2000, prot: rw}]}]
                steps:
                  - bind: {device: dsp0, process: proc1}
                  - dma: {device: dsp0, process: proc1, va: 0x400000, access: write, expect: ok}
                  - dma: {device: dsp1, process: proc1, va: 0x401000, access: read, expect: ok}
                  - unmap: {process: proc1, va: 0x401000, size: 0x1000}
                  - dma: {device: dsp1, process: proc1, va: 0x401000, access: read, expect: F_TRANSLATION}
                  - unbind: {device: dsp0, process: proc1}
                  - dma: {device: dsp1, process: proc1, va: 0x400000, access: read, expect: fault}
                """);
        CORRECT.put("linear CD tables", "scenario: linear\nsmmu: {cd-table: linear, stream-table: linear, sid-bits: 10}\n" + """
                devices: [{name: nic0, bus: pci, sid: 0x100}, {name: nic1, bus: pci, sid: 0x101}]
                processes:
                  - {name: proc1, pasid: 5, mappings: [{va: 0x400000, size: 0x1000, prot: rw}]}
                  - {name: proc2, pasid: 6, mappings: [{va: 0x400000, size: 0x1000, prot: rw}]}
                steps:
                  - dma: {device: nic0, pasid: 5, va: 0x400000, access: read, expect: C_BAD_CD}
                  - bind: {device: nic0, process: proc1}
                  - bind: {device: nic1, process: proc1}
                  - bind: {device: nic1, process: proc2}
                  - dma: {device: nic0, process: proc1, va: 0x400000, access: write, expect: ok}
                  - dma: {device: nic1, process: proc1, va: 0x400000, access: write, expect: ok}
                  - dma: {device: nic1, process: proc2, va: 0x400000, access: write, expect: ok}
                  - unbind: {device: nic0, process: proc1}
                  - dma: {device: nic1, process: proc1, va: 0x400000, access: read, expect: ok}
                  - dma: {device: nic0, process: proc1, va: 0x400000, access: read, expect: C_BAD_CD}
                  - unbind: {device: nic1, process: proc1}
                  - dma: {device: nic1, process: proc2, va: 0x400000, access: read, expect: ok}
                """);
        CORRECT.put("exit while bound", "scenario: exit\n" + NIC + PROC + """
                steps:
                  - bind: {device: nic0, process: proc1}
                  - dma: {device: nic0, process: proc1, va: 0x400000, access: write, expect: ok}
                  - exit: {process: proc1}
                  - dma: {device: nic0, process: proc1, va: 0x400000, access: read, expect: fault}
                  - unbind: {device: nic0, process: proc1}
                  - dma: {device: nic0, process: proc1, va: 0x400000, access: read, expect: fault}
                """);
        CORRECT.put("unmap reaches the SMMU", "scenario: unmap\n" + NIC + PROC + """
                steps:
                  - bind: {device: nic0, process: proc1}
                  - dma: {device: nic0, process: proc1, va: 0x400000, access: write, expect: ok}
                  - unmap: {process: proc1, va: 0x400000, size: 0x1000}
                  - dma: {device: nic0, process: proc1, va: 0x400000, access: read, expect: F_TRANSLATION}
                  - map: {process: proc1, va: 0x400000, size: 0x1000, prot: rw}
                  - dma: {device: nic0, process: proc1, va: 0x400000, access: write, expect: ok}
                  - map: {process: proc1, va: 0x400000, size: 0x1000, prot: r}
                  - dma: {device: nic0, process: proc1, va: 0x400000, access: write, expect: F_PERMISSION}
                  - unmap: {process: proc1, va: 0x400000, size: 0x100000}
                  - dma: {device: nic0, process: proc1, va: 0x401000, access: read, expect: F_TRANSLATION}
                """);
        CORRECT.put("double bind", "scenario: double\n" + NIC + PROC + """
                steps:
                  - bind: {device: nic0, process: proc1}
                  - bind: {device: nic0, process: proc1}
                  - unbind: {device: nic0, process: proc1}
                  - dma: {device: nic0, process: proc1, va: 0x400000, access: write, expect: ok}
                  - unbind: {device: nic0, process: proc1}
                  - dma: {device: nic0, process: proc1, va: 0x400000, access: write, expect: fault}
                """);
        CORRECT.put("ATS device", "scenario: ats\nsmmu: {ats: true}\n" + """
                devices: [{name: nic0, bus: pci, sid: 0x100, ats: true}]
                processes: [{name: proc1, mappings: [{va: 0x400000, size: 0x2000, prot: rw}]}]
                steps:
                  - bind: {device: nic0, process: proc1}
                  - dma: {device: nic0, process: proc1, va: 0x400000, access: write, expect: ok}
                  - dma: {device: nic0, process: proc1, va: 0x400000, access: write, expect: ok}
                  - dma: {device: nic0, process: proc1, va: 0x401000, access: read, expect: ok}
                  - unmap: {process: proc1, va: 0x401000, size: 0x1000}
                  - dma: {device: nic0, process: proc1, va: 0x401000, access: read, expect: F_TRANSLATION}
                  - exit: {process: proc1}
                  - dma: {device: nic0, process: proc1, va: 0x400000, access: read, expect: fault}
                  - unbind: {device: nic0, process: proc1}
                """);
    }

    static Scenario scenario(String yaml) {
        return ScenarioLoader.parse("test.yaml", yaml).get(0);
    }

    static RunResult run(String yaml, BenchParts parts) {
        return ScenarioRunner.run(scenario(yaml), parts, false);
    }

    /** The violations of one invariant, in order. */
    static List<RecordedViolation> of(RunResult r, String id) {
        return r.violations().stream().filter(v -> v.invariant().equals(id)).toList();
    }

    /** Every correct flow on the v6.8 trees and later bases: no violation of {@code id}, every step as expected. */
    static void assertSilent(String id) {
        for (String driver : Flows.SILENT) {
            for (Map.Entry<String, String> e : CORRECT.entrySet()) {
                RunResult r = run(e.getValue(), BenchParts.of(driver));
                String where = e.getKey() + " on " + driver;
                assertEquals(List.of(), r.stepFailures(), where);
                assertEquals(List.of(), of(r, id).stream().map(v -> v.step() + ": " + v.violation().message()).toList(), where);
            }
        }
    }

    /** Runs the broken parts on one driver and returns the messages of {@code id}, asserting there is at least one. */
    static List<String> fires(String id, String yaml, String driver, UnaryOperator<BenchParts> broken) {
        RunResult r = run(yaml, broken.apply(BenchParts.of(driver)));
        List<String> msgs = of(r, id).stream().map(v -> v.violation().message()).toList();
        assertFalse(msgs.isEmpty(), id + " did not fire on " + driver + "; violations: "
                + r.violations().stream().map(v -> v.invariant() + ": " + v.violation().message()).toList());
        return msgs;
    }

    static void assertSome(List<String> msgs, String... parts) {
        assertTrue(msgs.stream().anyMatch(m -> java.util.Arrays.stream(parts).allMatch(m::contains)),
                "no message contains all of " + List.of(parts) + " in " + msgs);
    }
}
