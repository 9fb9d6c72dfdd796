package org.smmubench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smmubench.scenario.Loading.assertError;
import static org.smmubench.scenario.Loading.errors;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.ScenarioRunner;

/** Inputs that once crashed the loader or were silently misread: each is now a located error or a correct run. */
class ReliabilityInputTest {
    private static final String RIG = """
            driver: fixed
            devices:
              - {name: nic0, bus: pci, sid: 0x100}
            processes:
              - name: p
                mappings:
                  - {va: 0x400000, size: 0x1000, prot: rw}
            """;

    @Test
    void yamlFloatsAreInputErrorsNotNumberFormatCrashes() {
        assertError("scenario: a\ndescription: .inf\n", "2:14", "expected a whole number");
        assertError("scenario: a\ndescription: -.inf\n", "2:14", "expected a whole number");
        assertError("scenario: a\ndescription: .nan\n", "2:14", "expected a whole number");
    }

    @Test
    void integralFloatsAreRefusedWhereverANumberGoes() {
        assertError("scenario: a\n" + RIG.replace("sid: 0x100", "sid: 1.0"), "4:33", "found 1.0");
        assertError("scenario: a\nprocesses:\n  - {name: p, pasid: 1024.0}\n", "3:22", "found 1024.0");
        assertError("scenario: a\n" + RIG.replace("va: 0x400000", "va: 4194304.0"), "8:14", "found 4194304.0");
        // said once, not again by the schema
        assertEquals(1, errors("scenario: a\nprocesses:\n  - {name: p, pasid: 1024.0}\n").size());
    }

    @Test
    void aliasesAreRefusedNotReadAsTheAnchorName() {
        String yaml = """
                scenario: a
                devices:
                  - {name: &n1 nic0, bus: pci, sid: 0x100}
                processes:
                  - {name: p}
                steps:
                  - bind: {device: *n1, process: p}
                """;
        assertError(yaml, "7:20", "YAML aliases (*n1) are not supported");
    }

    @Test
    void aSurrogatePairAtTheReadersBufferBoundaryIsRead() {
        String name = "\uD83D\uDE00".repeat(600);
        Scenario s = Loading.one("scenario: " + name + "\n");
        assertEquals(name, s.name());
    }

    @Test
    void anAsidTakenByAnEarlierProcessIsFoundBeforeAnythingRuns() {
        // p1 gets the lowest free CPU ASID (1) when the bench creates it; p2 then cannot have it.
        assertError("scenario: a\nprocesses:\n  - {name: p1}\n  - {name: p2, asid: 1}\n", "4:5",
                "ASID 1 is already given to process 'p1' (it took the lowest free ASID");
    }

    @Test
    void deepNestingAndLongKeysAreLocated() {
        assertError("scenario: a\ndescription: " + "[".repeat(600) + "]".repeat(600) + "\n", "2:512", "nesting deeper than 500 levels");
        assertError("scenario: a\n" + "k".repeat(1100) + ": 1\n", "2:1", "a key longer than 1,024 characters");
    }

    @Test
    void controlAndBidiCharactersAreShownEscaped() {
        List<String> e = errors("scenario: a\ndevices:\n  - {name: \"a\\u202eb\\u001b\", bus: pci, sid: 1}\n");
        assertTrue(e.stream().anyMatch(s -> s.contains("a\\u202eb\\u001b")), e.toString());
        assertTrue(e.stream().noneMatch(s -> s.contains("\u202e") || s.contains("\u001b")), e.toString());
    }

    @Test
    void sidBits26To32OnTwoLevelTablesRunAsTheKernelDoes() {
        for (int bits : new int[] {26, 32}) {
            Scenario s = Loading.one("scenario: a\nsmmu: {sid-bits: " + bits + "}\n" + RIG
                    + "steps:\n  - bind: {device: nic0, process: p}\n  - dma: {device: nic0, process: p, va: 0x400000, access: read, expect: ok}\n");
            RunResult r = ScenarioRunner.run(s, "v6.8-fixed", true);
            // No violation expected: arm_smmu_init_strtab_2lvl's "only covers 25 bits" is a
            // dev_warn (a log line), not a WARN splat.
            assertTrue(r.passed(), () -> r.toString());
        }
    }

    @Test
    void aLinearStreamTableTheKernelCannotAllocateIsALocatedError() {
        assertError("scenario: a\nsmmu: {stream-table: linear, sid-bits: 21}\n", "2:40", "bench simulates linear stream tables up to sid-bits 20");
        assertError("scenario: a\nsmmu: {stream-table: linear, sid-bits: 26}\n", "2:40", "wraps to 0x0");
        assertError("scenario: a\nsmmu: {stream-table: linear, sid-bits: 32}\n", "2:40", "arm_smmu_device_probe returns -ENOMEM");
    }

    @Test
    void aMapAfterExitIsALocatedError() {
        assertError("scenario: a\n" + RIG + "steps:\n  - exit: {process: p}\n  - map: {process: p, va: 0x800000, size: 0x1000, prot: rw}\n",
                "11:5", "process 'p' exited (line 10): it has no address space left to map");
    }

    @Test
    void invalidUtf8IsLocatedAtItsByte(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        byte[] head = "scenario: a\ndescription: caf".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 2];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xe9;
        bytes[head.length + 1] = '\n';
        Files.write(f, bytes);
        ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class, () -> ScenarioLoader.load(f));
        assertEquals(f + ":2:17: not UTF-8: byte 0xe9 at offset 28 cannot start or continue a UTF-8 character (scenario files are UTF-8)",
                e.errors().get(0).toString());
    }

    @Test
    void utf16IsNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("wide.yaml");
        Files.write(f, "scenario: a\n".getBytes(StandardCharsets.UTF_16));
        ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class, () -> ScenarioLoader.load(f));
        assertTrue(e.getMessage().contains(":1:1: the file is UTF-16"), e.getMessage());
    }

    @Test
    void aFileBeyondTheLimitIsRefusedBeforeItIsRead(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("big.yaml");
        Files.write(f, new byte[(int) SourceText.MAX_BYTES + 1]);
        ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class, () -> ScenarioLoader.load(f));
        assertTrue(e.getMessage().contains(":1:1: the file is 3.0 MiB; scenario files are limited to 3 MiB"), e.getMessage());
    }

    @Test
    void theSharedRulesSeeEveryRecord() {
        ScenarioRules r = new ScenarioRules();
        assertEquals(List.of(), r.device(new DeviceSpec("nic0", org.smmubench.iommu.Bus.PCI, List.of(0x100), null, false, true, null, SourcePos.UNKNOWN)));
        assertTrue(r.process(new ProcessSpec("p", 0, null, List.of(), SourcePos.UNKNOWN)).get(0).contains("PASID 0 is the device's own"));
        assertTrue(r.process(new ProcessSpec("q", 0x100000, null, List.of(), SourcePos.UNKNOWN)).get(0).contains("found 0x100000"));
        assertEquals(List.of(), r.process(new ProcessSpec("r", 5, null, List.of(), SourcePos.UNKNOWN)));
        assertTrue(r.process(new ProcessSpec("s", 5, null, List.of(), SourcePos.UNKNOWN)).get(0).contains("already given to process 'r'"));
        assertTrue(r.process(new ProcessSpec("t", null, null, List.of(new Mapping(0x1000, 0x2000, org.smmubench.mm.Prot.RW),
                new Mapping(0x2000, 0x1000, org.smmubench.mm.Prot.R)), SourcePos.UNKNOWN)).get(0).contains("overlaps"));
        assertTrue(r.step(new Step.Map("r", 0x1001, 0x1000, org.smmubench.mm.Prot.RW, SourcePos.UNKNOWN)).get(0).contains("not 4 KiB aligned"));
        assertTrue(r.step(new Step.Map("r", 0x1000, 0, org.smmubench.mm.Prot.RW, SourcePos.UNKNOWN)).get(0).contains("positive multiple"));
        assertTrue(r.step(new Step.Map("r", -4096, 0x1000, org.smmubench.mm.Prot.RW, SourcePos.UNKNOWN)).get(0).contains("48-bit"));
        assertTrue(r.step(new Step.Map("r", 0xffff_ffff_f000L, 0x2000, org.smmubench.mm.Prot.RW, SourcePos.UNKNOWN)).get(0).contains("ends beyond"));
        assertTrue(r.step(new Step.Dma("nic0", null, 0x100000L, 0, Access.READ, null, SourcePos.UNKNOWN)).get(0).contains("PASIDs are 20 bits"));
    }
}
