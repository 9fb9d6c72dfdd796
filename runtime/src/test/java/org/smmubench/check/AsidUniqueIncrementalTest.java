package org.smmubench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.smmubench.bench.Bench;
import org.smmubench.bench.BenchParts;
import org.smmubench.bench.RecordedViolation;
import org.smmubench.driver.ArmSmmuDomain;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.CtxDesc;
import org.smmubench.iommu.Bus;
import org.smmubench.kernel.Gfp;
import org.smmubench.kernel.Kernel;
import org.smmubench.mm.MmWorld;
import org.smmubench.mm.Prot;
import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.Mapping;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.SmmuOptions;
import org.smmubench.scenario.SourcePos;
import org.smmubench.scenario.Step;

/**
 * The incremental asid-unique reports each kind of violation at the step where the full walk
 * first sees it, with the same message: every run here goes through the incremental form,
 * the paranoid form and cross-check mode, and the three must record the same (step, message)
 * list, which must hold the expected messages. Several violations are raised by a step that
 * names neither the offending device nor its process, so only the xarray's change reports,
 * the mirror of the xarray and the domains' names can bring them to the incremental form.
 */
class AsidUniqueIncrementalTest {
    private static final SourcePos POS = new SourcePos("test", 0, 0);
    private static final long VA = 0x400000L;

    /** arm_smmu_share_asid that frees the colliding private ASID without moving the private CD (it keeps ASID {@code asid}). */
    static final class StealsAsid extends AsidUniqueTest.BrokenShareAsid {
        StealsAsid(Kernel k, ArmSmmuV3 drv, MmWorld mms) { super(k, drv, mms); }

        @Override
        boolean movesPrivateCd() { return false; }

        @Override
        boolean setsNewAsid() { return false; }

        @Override
        boolean invalidatesOldAsid() { return false; }
    }

    private static void pci(Bench b, String name, int sid) {
        b.addDevice(new DeviceSpec(name, Bus.PCI, List.of(sid), null, false, true, null, POS));
    }

    private static void platform(Bench b, String name, int sid, String group) {
        b.addDevice(new DeviceSpec(name, Bus.PLATFORM, List.of(sid), null, false, true, group, POS));
    }

    private static void process(Bench b, String name) {
        b.addProcess(new ProcessSpec(name, null, null, List.of(new Mapping(VA, 0x2000, Prot.RW)), POS));
    }

    private static ArmSmmuDomain domainOf(Bench b, String device) {
        return (ArmSmmuDomain) ArmSmmuV3.master(b.world().core.devicesView().stream()
                .filter(d -> d.name().equals(device)).findFirst().orElseThrow()).domain;
    }

    /** Stores {@code cd} at {@code index} of arm_smmu_asid_xa behind the driver's back (between steps). */
    private static void xaInsert(Bench b, int index, CtxDesc cd) {
        assertEquals(0, b.world().driver.asidXa.insert("xa_insert.asid", null, index, cd, Gfp.GFP_KERNEL));
    }

    /** The asid-unique violations of {@code script} run in {@code mode}, as "step N: message". */
    private static List<String> run(Checking mode, BenchParts parts, Consumer<Bench> script) {
        Bench b = new Bench(parts.withChecking(mode), SmmuOptions.defaults());
        script.accept(b);
        List<String> out = new ArrayList<>();
        for (RecordedViolation v : b.violations()) if (v.invariant().equals("asid-unique")) out.add("step " + v.step() + ": " + v.violation().message());
        return out;
    }

    /** The same list from all three modes; returned for the expected messages. */
    private static List<String> agree(BenchParts parts, Consumer<Bench> script) {
        List<String> incremental = run(Checking.INCREMENTAL, parts, script);
        assertEquals(run(Checking.PARANOID, parts, script), incremental, "incremental against paranoid");
        assertEquals(run(Checking.CROSS_CHECK, parts, script), incremental, "cross-check against incremental");
        return incremental;
    }

    private static void assertHas(List<String> got, String expected) {
        assertTrue(got.contains(expected), "expected " + expected + " in\n  " + String.join("\n  ", got));
    }

    @Test
    void outOfRangeForeignAsidAndDuplicateOnAStepNamingOnlyAnotherProcess() {
        String[] name = new String[1];
        List<String> got = agree(BenchParts.of("v6.8"), b -> {
            pci(b, "nic0", 0x100);
            pci(b, "nic1", 0x101);
            process(b, "proc1");
            ArmSmmuDomain d = domainOf(b, "nic0");
            name[0] = "private CD of " + SvaState.domainName(d) + " (ASID " + d.cd.asid + ")";
            xaInsert(b, 0x10000, d.cd);
            // A step naming proc1 only (no device): the xarray's own report must bring the index in.
            b.run(new Step.Map("proc1", VA + 0x10000, 0x1000, Prot.RW, POS));
        });
        assertHas(got, "step 1: " + name[0] + ": expected an ASID in [1, 65535], found 65536");
        assertHas(got, "step 1: arm_smmu_asid_xa[65536]: expected the ctx_desc with ASID 65536, found " + name[0]);
        assertHas(got, "step 1: " + name[0] + ": expected under one index of arm_smmu_asid_xa, found under 1 and 65536");
        assertEquals(3, got.size(), String.join("\n", got));
    }

    @Test
    void privateCdMissingAndSharingTheCpuAsidOfAProcessBoundToAnotherDevice() {
        String[] name = new String[1];
        List<String> got = agree(BenchParts.of("v6.8").withSva(StealsAsid::new), b -> {
            pci(b, "nic0", 0x100);
            pci(b, "nic1", 0x101);
            process(b, "proc1");
            ArmSmmuDomain d = domainOf(b, "nic0");
            name[0] = "private CD of " + SvaState.domainName(d) + " (ASID 1)";
            assertEquals(1, d.cd.asid);
            assertEquals(1, b.world().mms.find("proc1").cpuAsid());
            // Binds on nic1: the broken share_asid frees nic0's ASID 1 for proc1's shared CD.
            b.run(new Step.Bind("nic1", "proc1", "ok", POS));
        });
        assertHas(got, "step 1: " + name[0] + ": expected in arm_smmu_asid_xa under 1, found shared CD of proc1 (ASID 1)");
        assertHas(got, "step 1: " + name[0] + ": expected a private ASID distinct from the CPU ASID of bound proc1, found both 1");
    }

    @Test
    void sharedCdMissingThenTakenByAnotherDevicesDomain() {
        String[] name = new String[1];
        List<String> got = agree(BenchParts.of("v6.8"), b -> {
            pci(b, "nic0", 0x100);
            pci(b, "nic1", 0x101);
            process(b, "proc1");
            process(b, "proc2");
            b.run(new Step.Bind("nic0", "proc1", "ok", POS));
            b.world().driver.asidXa.erase(b.world().mms.find("proc1").cpuAsid());
            // Names proc2 only: proc1's shared CD is reached through its notifier.
            b.run(new Step.Map("proc2", VA + 0x10000, 0x1000, Prot.RW, POS));
            // Names nic1 and proc2: nic1's DMA domain takes the free ASID 1, proc1's CPU ASID.
            b.run(new Step.Bind("nic1", "proc2", "ok", POS));
            ArmSmmuDomain d = domainOf(b, "nic1");
            name[0] = "private CD of " + SvaState.domainName(d) + " (ASID " + d.cd.asid + ")";
        });
        assertHas(got, "step 2: shared CD of proc1 (ASID 1): expected in arm_smmu_asid_xa under 1, found nothing");
        assertHas(got, "step 3: shared CD of proc1 (ASID 1): expected in arm_smmu_asid_xa under 1, found " + name[0]);
        assertHas(got, "step 3: " + name[0] + ": expected a private ASID distinct from the CPU ASID of bound proc1, found both 1");
    }

    /**
     * A violation already reported is reported again, as a new message, when its domain's
     * device list changes: the probe of a third group member names only that device.
     */
    @Test
    void aReportedCdIsNamedAgainWhenItsDomainGainsADevice() {
        List<String> got = agree(BenchParts.of("v6.8"), b -> {
            platform(b, "dsp0", 0x10, "dsp");
            platform(b, "dsp1", 0x11, "dsp");
            pci(b, "nic0", 0x100);
            process(b, "proc1");
            ArmSmmuDomain d = domainOf(b, "dsp0");
            b.world().driver.asidXa.erase(d.cd.asid);
            b.run(new Step.Map("proc1", VA + 0x10000, 0x1000, Prot.RW, POS));
            platform(b, "dsp2", 0x12, "dsp");
        });
        assertHas(got, "step 1: private CD of domain #1 (dsp0, dsp1) (ASID 1): expected in arm_smmu_asid_xa under 1, found nothing");
        assertHas(got, "step 0: private CD of domain #1 (dsp0, dsp1, dsp2) (ASID 1): expected in arm_smmu_asid_xa under 1, found nothing");
    }
}
