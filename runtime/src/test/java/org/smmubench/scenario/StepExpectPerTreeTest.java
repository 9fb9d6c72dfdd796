package org.smmubench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** A step's {@code expect} may differ per kernel tree: {@code {default: ok, TREE: RESULT}}. */
class StepExpectPerTreeTest {
    private static final String HEAD = """
            scenario: s
            driver: [pre-fix, fixed, v6.8+b025dea63cde]
            devices: [{name: nic0, bus: pci, sid: 0x100}]
            processes: [{name: proc1, mappings: [{va: 0x400000, size: 0x1000, prot: rw}]}]
            steps:
            """;

    @Test
    void aMapGivesTheDefaultAndTheTreesThatDiffer() {
        Scenario s = Loading.one(HEAD + """
                  - bind: {device: nic0, process: proc1, expect: {default: ok, pre-fix: ENOMEM, v6.8+b025dea6: EBUSY}}
                  - dma:  {device: nic0, process: proc1, va: 0x400000, access: read, expect: {v6.8: fault}}
                """);
        Step.Bind b = (Step.Bind) s.steps().get(0);
        assertEquals("ok", b.expect());
        assertEquals(Map.of("v6.8-b5bf7778b722", "ENOMEM", "v6.8+b025dea63cde", "EBUSY"), b.expectByTree());
        assertEquals("ENOMEM", b.expectOn("v6.8-b5bf7778b722"));
        assertEquals("ok", b.expectOn("v6.8"));
        Step.Dma d = (Step.Dma) s.steps().get(1);
        assertNull(d.expectOn("v6.8-b5bf7778b722"), "without default a DMA result is not checked on the other trees");
        assertEquals("fault", d.expectOn("v6.8"));
    }

    @Test
    void aMapWithoutDefaultExpectsOkFromABindOnTheOtherTrees() {
        Step.Bind b = (Step.Bind) Loading.one(HEAD + "  - bind: {device: nic0, process: proc1, expect: {fixed: EBUSY}}\n").steps().get(0);
        assertEquals("ok", b.expectOn("v6.8-b5bf7778b722"));
        assertEquals("EBUSY", b.expectOn("v6.8"));
    }

    @Test
    void anUnknownTreeOrADuplicateIsReportedAtItsKey() {
        Loading.assertError(HEAD + "  - bind: {device: nic0, process: proc1, expect: {default: ok, v6.8-deadbeef: EBUSY}}\n",
                "6:64", "expect: unknown commit 'deadbeef' in driver 'v6.8-deadbeef'");
        Loading.assertError(HEAD + "  - bind: {device: nic0, process: proc1, expect: {fixed: ok, v6.8: EBUSY}}\n",
                "6:62", "expect: 'v6.8' and 'fixed' both name driver v6.8");
        Loading.assertError(HEAD + "  - bind: {device: nic0, process: proc1, expect: {default: EBUSSY}}\n",
                "6:60", "steps[0].bind.expect.default: unknown result 'EBUSSY'");
    }

    @Test
    void theWriterKeepsThePerTreeResults() {
        Scenario s = Loading.one(HEAD + "  - bind: {device: nic0, process: proc1, expect: {default: ok, pre-fix: ENOMEM}}\n");
        String yaml = ScenarioWriter.write(s);
        assertTrue(yaml.contains("expect: {default: ok, v6.8-b5bf7778b722: ENOMEM}"), yaml);
        assertEquals(Loading.withoutPositions(s).steps(), Loading.withoutPositions(Loading.one(yaml)).steps());
    }
}
