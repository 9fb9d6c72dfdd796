package org.smmubench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.smmubench.scenario.Loading.assertError;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Every kind of input error is reported as FILE:LINE:COLUMN: message, pointing at the key
 * or value the user wrote, before anything runs (docs/format.md).
 */
class InputErrorsTest {
    private static final String TOPOLOGY = """
            scenario: s
            devices:
              - {name: nic0, bus: pci, sid: 0x100}
            processes:
              - {name: proc1}
            steps:
            """;

    @Test
    void yamlSyntaxErrorPointsAtTheProblem() {
        assertError("scenario: s\nsmmu: {ssid-bits: 1\nsteps: []\n", "3:6", "YAML syntax error: while parsing a flow mapping (started at line 2, column 7)");
    }

    @Test
    void duplicateKeyIsReportedAtTheRepeat() {
        assertError("scenario: s\nscenario: t\n", "2:1", "duplicate key 'scenario' (first at line 1)");
    }

    @Test
    void unknownTopLevelKeyIsReportedAtTheKey() {
        assertError("scenario: s\ncolour: red\n", "2:1", "unknown key 'colour' (known: scenario, description, driver,");
    }

    @Test
    void unknownNestedKeySaysWhereAndSuggests() {
        assertError("scenario: s\nsmmu:\n  ssid-bit: 8\n", "3:3", "unknown key 'ssid-bit' in smmu; did you mean 'ssid-bits'?");
    }

    @Test
    void wrongTypeSaysWhatWasExpectedAndFound() {
        assertError("scenario: s\nsmmu: {ats: yes}\n", "2:13", "smmu.ats: expected true or false, found string 'yes'");
        assertError("scenario: s\ndevices: nic0\n", "2:10", "devices: expected a list, found string 'nic0'");
    }

    @Test
    void missingScenarioNameIsReportedAtTheDocumentStart() {
        assertError("# header\ndevices: []\n", "1:1", "missing required key 'scenario'");
    }

    @Test
    void missingRequiredKeyOfADeviceIsReportedAtTheDevice() {
        assertError("scenario: s\ndevices:\n  - {name: a, sid: 1}\n", "3:5", "missing required key 'bus' in devices[0]");
    }

    @Test
    void ssidBitsOutOfRangeInDecimalAndHex() {
        assertError("scenario: s\nsmmu: {ssid-bits: 21}\n", "2:19", "smmu.ssid-bits: must be at most 20, found 21");
        assertError("scenario: s\nsmmu: {ssid-bits: 0x15}\n", "2:19", "ssid-bits must be between 0 and 20, found '0x15'");
    }

    @Test
    void sidBitsOutOfRange() {
        assertError("scenario: s\nsmmu: {sid-bits: 0}\n", "2:18", "smmu.sid-bits: must be at least 1, found 0");
        assertError("scenario: s\nsmmu: {sid-bits: 33}\n", "2:18", "smmu.sid-bits: must be at most 32, found 33");
    }

    @Test
    void asidBitsMustBe8Or16() {
        assertError("scenario: s\nsmmu: {asid-bits: 12}\n", "2:19", "asid-bits must be 8 or 16, found 12");
    }

    @Test
    void devicePasidBitsOutOfRange() {
        assertError("scenario: s\ndevices:\n  - {name: a, bus: pci, sid: 1, pasid-bits: 0x20}\n", "3:45", "pasid-bits must be between 0 and 20, found '0x20'");
    }

    @Test
    void streamIdMustFitSidBits() {
        assertError("scenario: s\nsmmu: {sid-bits: 8}\ndevices:\n  - {name: a, bus: pci, sid: 0x100}\n", "4:30", "stream ID 0x100 does not fit sid-bits 8 (largest is 0xff)");
    }

    @Test
    void failNthStartsAtOne() {
        assertError("scenario: s\nsteps:\n  - fail: {site: kzalloc.bond, nth: 0}\n", "3:37", "steps[0].fail.nth: must be at least 1, found 0");
        assertError("scenario: s\nsteps:\n  - fail: {site: kzalloc.bond, nth: '0x0'}\n", "3:37", "nth must be between 1 and");
    }

    /** The bench gives a process without asid: the lowest free CPU ASID at creation, in file order. */
    @Test
    void anAsidAlreadyGivenToAnEarlierProcessWithoutOneIsRejected() {
        // One rule for every door (ScenarioRules), reported at the process.
        assertError("scenario: s\nprocesses:\n  - {name: p}\n  - {name: q, asid: 1}\n", "4:5",
                "ASID 1 is already given to process 'p' (it took the lowest free ASID; give it an asid: of its own, or declare this process first)");
    }

    @Test
    void processPasidOutsideThePasidRange() {
        assertError("scenario: s\nprocesses:\n  - {name: p, pasid: 0}\n", "3:22", "processes[0].pasid: must be at least 1, found 0");
        assertError("scenario: s\nprocesses:\n  - {name: p, pasid: 0x100000}\n", "3:22", "pasid must be between 0x1 and 0xfffff, found '0x100000'");
    }

    @Test
    void mappingsMustBePageAligned() {
        assertError("scenario: s\nprocesses:\n  - name: p\n    mappings:\n      - {va: 0x400100, size: 0x1000, prot: r}\n",
                "5:14", "va 0x400100 is not 4 KiB aligned");
        assertError(TOPOLOGY + "  - map: {process: proc1, va: 0x1000, size: 0x10, prot: r}\n", "7:45", "size 0x10 is not a positive multiple of 4 KiB");
        assertError(TOPOLOGY + "  - unmap: {process: proc1, va: 0x1001, size: 0x1000}\n", "7:33", "va 0x1001 is not 4 KiB aligned");
    }

    @Test
    void overlappingInitialMappingsAreAnError() {
        assertError("scenario: s\nprocesses:\n  - name: p\n    mappings:\n      - {va: 0x0, size: 0x2000, prot: r}\n      - {va: 0x1000, size: 0x1000, prot: r}\n",
                "6:9", "mapping 0x1000+0x1000 overlaps the mapping at line 5");
    }

    @Test
    void unknownFailureSiteListsTheKnownOnes() {
        assertError("scenario: s\nsteps:\n  - fail: {site: kzalloc.bnd}\n", "3:18", "unknown failure site 'kzalloc.bnd'; did you mean 'kzalloc.bond'? (known: kzalloc.bond,");
    }

    @Test
    void unknownDeviceInAStepSuggestsTheClosest() {
        assertError(TOPOLOGY + "  - bind: {device: nic1, process: proc1}\n", "7:20", "unknown device 'nic1'; did you mean 'nic0'? (known: nic0)");
        assertError(TOPOLOGY + "  - fail: {site: kzalloc.bond, device: gpu}\n", "7:40", "unknown device 'gpu' (known: nic0)");
    }

    @Test
    void unknownProcessInAStep() {
        assertError(TOPOLOGY + "  - exit: {process: proc2}\n", "7:21", "unknown process 'proc2'; did you mean 'proc1'?");
    }

    @Test
    void duplicateDeviceNamesAreAnError() {
        assertError("scenario: s\ndevices:\n  - {name: a, bus: pci, sid: 1}\n  - {name: a, bus: pci, sid: 2}\n", "4:12", "duplicate device name 'a' (first defined at line 3)");
    }

    @Test
    void duplicateProcessNamesAreAnError() {
        assertError("scenario: s\nprocesses:\n  - {name: p}\n  - {name: p}\n", "4:12", "duplicate process name 'p' (first defined at line 3)");
    }

    @Test
    void duplicateStreamIdsAcrossDevicesAreAnError() {
        assertError("scenario: s\ndevices:\n  - {name: a, bus: pci, sid: 0x10}\n  - {name: b, bus: platform, sid: [0x11, 16]}\n",
                "4:42", "stream ID 0x10 is already used by device 'a' (line 3)");
    }

    @Test
    void groupOnAPciDeviceIsAnError() {
        assertError("scenario: s\ndevices:\n  - {name: a, bus: pci, sid: 1, group: g}\n", "3:33", "group is for platform devices; PCI device 'a' always gets an iommu_group of its own");
    }

    @Test
    void defaultDomainIsDmaOrIdentity() {
        assertEquals(org.smmubench.iommu.IommuDomainType.IDENTITY, Loading.one(
                "scenario: s\ndevices:\n  - {name: a, bus: pci, sid: 1, default-domain: identity}\n").devices().get(0).defaultDomain());
        assertEquals(org.smmubench.iommu.IommuDomainType.DMA, Loading.one(
                "scenario: s\ndevices:\n  - {name: a, bus: pci, sid: 1}\n").devices().get(0).defaultDomain());
        assertError("scenario: s\ndevices:\n  - {name: a, bus: pci, sid: 1, default-domain: bypass}\n", "3:49", "default-domain");
    }

    @Test
    void atsOnAPlatformDeviceIsAnError() {
        assertError("scenario: s\ndevices:\n  - {name: a, bus: platform, sid: 1, ats: true}\n", "3:38", "ats: true is for PCI devices only; 'a' is a platform device");
    }

    @Test
    void aParallelStepWithOneBranchSaysItNeedsTwo() {
        String yaml = "scenario: s\ndevices: [{name: nic0, sid: 1}]\nprocesses: [{name: p, pasid: 1, mappings: [{va: 0x1000, size: 0x1000, prot: rw}]}]\n"
                + "steps:\n  - parallel:\n      - [{bind: {device: nic0, process: p}}]\n";
        assertError(yaml, "6:7", "needs at least 2 entries, found 1");
    }

    @Test
    void aStepWithNoKeyIsAnError() {
        assertError("scenario: s\nsteps:\n  - {}\n", "3:5", "steps[0]: empty step; a step is a map with one key, one of: bind, unbind, dma, map, unmap, cpu-write, fail, exit, parallel");
    }

    @Test
    void aStepWithTwoKeysIsAnError() {
        assertError(TOPOLOGY + "  - bind: {device: nic0, process: proc1}\n    exit: {process: proc1}\n", "7:5", "steps[0]: a step has exactly one key, found 2: bind, exit");
    }

    @Test
    void anUnknownStepKindSuggestsTheClosest() {
        assertError("scenario: s\nsteps:\n  - bnd: {device: a, process: b}\n", "3:5", "unknown step kind 'bnd'; did you mean 'bind'? (known: bind, unbind, dma, map, unmap, cpu-write, fail, exit, parallel)");
    }

    @Test
    void dmaTakesProcessOrPasidNotBoth() {
        assertError(TOPOLOGY + "  - dma: {device: nic0, process: proc1, pasid: 1, va: 0, access: read}\n", "7:5", "dma takes process or pasid, not both");
    }

    @Test
    void dmaWithoutProcessOrPasidIsATransactionWithoutPasid() {
        Scenario s = Loading.one(TOPOLOGY + "  - dma: {device: nic0, va: 0, access: write}\n");
        assertEquals(new Step.Dma("nic0", null, null, 0, Access.WRITE, null, new SourcePos("t.yaml", 7, 5)), s.steps().get(0));
    }

    @Test
    void bindExpectMustBeOkOrAKnownErrno() {
        assertError(TOPOLOGY + "  - bind: {device: nic0, process: proc1, expect: ENOMEN}\n", "7:50", "unknown result 'ENOMEN'; expected ok or an errno name (ENODEV, ENOMEM,");
        Scenario s = Loading.one(TOPOLOGY + "  - unbind: {device: nic0, process: proc1, expect: EOPNOTSUPP}\n");
        assertEquals("EOPNOTSUPP", ((Step.Unbind) s.steps().get(0)).expect());
    }

    @Test
    void dmaExpectMustBeOkFaultOrAnEventName() {
        assertError(TOPOLOGY + "  - dma: {device: nic0, va: 0, access: read, expect: F_TRANSLATE}\n", "7:54", "unknown DMA result 'F_TRANSLATE'; expected ok, fault or an event name (C_BAD_STREAMID,");
        Scenario s = Loading.one(TOPOLOGY + "  - dma: {device: nic0, va: 0, access: read, expect: C_BAD_SUBSTREAMID}\n");
        assertEquals("C_BAD_SUBSTREAMID", ((Step.Dma) s.steps().get(0)).expect());
    }

    @Test
    void badNamesAreAnError() {
        assertError("scenario: s\ndevices:\n  - {name: 'nic 0', bus: pci, sid: 1}\n", "3:12", "devices[0].name: 'nic 0' is not a valid name");
    }

    @Test
    void allErrorsOfAFileComeAtOnceInFileOrder() {
        List<String> errors = Loading.errors(Loading.resourceText("errors/many-errors.yaml"));
        assertEquals(List.of(
                "t.yaml:2:1: unknown key 'colour' (known: scenario, description, driver, tags, smmu, devices, processes, steps, schedule, expect)",
                "t.yaml:3:19: smmu.ssid-bits: must be at most 20, found 21",
                "t.yaml:5:40: group is for platform devices; PCI device 'nic0' always gets an iommu_group of its own",
                "t.yaml:6:12: duplicate device name 'nic0' (first defined at line 5)",
                "t.yaml:6:38: stream ID 0x100 is already used by device 'nic0' (line 5)",
                "t.yaml:6:45: ats: true is for PCI devices only; 'nic0' is a platform device",
                "t.yaml:8:26: processes[0].pasid: must be at least 1, found 0",
                "t.yaml:10:20: unknown device 'nic9'; did you mean 'nic0'? (known: nic0)",
                "t.yaml:11:5: unknown step kind 'frob' (known: bind, unbind, dma, map, unmap, cpu-write, fail, exit, parallel)",
                "t.yaml:12:5: dma takes process or pasid, not both (neither means a transaction without a PASID)",
                "t.yaml:14:16: expect.violations[0]: unknown invariant 'atomic-slep'; did you mean 'atomic-sleep'? (known: "
                        + String.join(", ", org.smmubench.check.Invariants.ids()) + ")"),
                errors);
    }
}
