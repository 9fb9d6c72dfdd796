package org.smmubench.features.steps;

import static org.smmubench.features.StepDoc.Section.ACTIONS;

import io.cucumber.java.en.When;

import org.smmubench.bench.StepOutcome;
import org.smmubench.features.ExpectationFailed;
import org.smmubench.features.ScenarioWorld;
import org.smmubench.features.StepDoc;
import org.smmubench.scenario.Access;
import org.smmubench.mm.Prot;
import org.smmubench.scenario.Step;

/**
 * Each action is one bench step (docs/format.md {@code steps:}). Bind and unbind carry
 * their expected result, as YAML's {@code expect:} does; a DMA's result is checked by the
 * Then step after it, so one action can be followed by several checks.
 */
public final class ActionSteps {
    private final ScenarioWorld world;

    public ActionSteps(ScenarioWorld world) { this.world = world; }

    @When("{process} is bound to {device}")
    @StepDoc(section = ACTIONS, example = "When \"proc1\" is bound to \"nic0\"",
            value = "iommu_sva_bind_device(nic0, proc1's mm); the step fails unless it returns success.")
    public void bind(String process, String device) { expect("ok", world.run(new Step.Bind(device, process, "ok", world.here()))); }

    @When("binding {process} to {device} fails with {errno}")
    @StepDoc(section = ACTIONS, example = "When binding \"proc1\" to \"nic0\" fails with ENOMEM",
            value = "The same bind, expected to fail with this errno (ENODEV, ENOMEM, EBUSY, ENOSPC, EINVAL, E2BIG,"
                    + " EOVERFLOW, ESRCH, ...); the step fails if it returns anything else.")
    public void bindFails(String process, String device, String errno) {
        expect(errno, world.run(new Step.Bind(device, process, errno, world.here())));
    }

    @When("{device} is attached to the unmanaged domain {string}")
    @StepDoc(section = ACTIONS, example = "When \"nic1\" is attached to the unmanaged domain \"dom1\"",
            value = "iommu_attach_group: the device's group leaves its default domain for that unmanaged paging domain"
                    + " (allocated on first use), as VFIO does; the step fails unless it succeeds.")
    public void attach(String device, String domain) { expect("ok", world.run(new Step.Attach(device, domain, "ok", world.here()))); }

    @When("{process} is unbound from {device}")
    @StepDoc(section = ACTIONS, example = "When \"proc1\" is unbound from \"nic0\"",
            value = "iommu_sva_unbind_device for that bond; the step fails unless it succeeds.")
    public void unbind(String process, String device) { expect("ok", world.run(new Step.Unbind(device, process, "ok", world.here()))); }

    @When("unbinding {process} from {device} fails with {errno}")
    @StepDoc(section = ACTIONS, example = "When unbinding \"proc1\" from \"nic0\" fails with ENOENT",
            value = "The same unbind, expected to fail with this errno.")
    public void unbindFails(String process, String device, String errno) {
        expect(errno, world.run(new Step.Unbind(device, process, errno, world.here())));
    }

    @When("{device} does a DMA {access} at {number} for {process}")
    @StepDoc(section = ACTIONS, example = "When \"nic0\" does a DMA write at 0x400000 for \"proc1\"",
            value = "A transaction (read or write) tagged with the process's PASID; check it with"
                    + " `Then the DMA succeeds` / `faults` / `faults with EVENT`.")
    public void dmaForProcess(String device, Access access, Long va, String process) {
        checked(world.run(new Step.Dma(device, process, null, va, access, null, world.here())));
    }

    @When("{device} does a DMA {access} at {number} with PASID {number}")
    @StepDoc(section = ACTIONS, example = "When \"nic0\" does a DMA read at 0x1000 with PASID 9",
            value = "A transaction with a literal PASID (bound or not).")
    public void dmaWithPasid(String device, Access access, Long va, Long pasid) {
        checked(world.run(new Step.Dma(device, null, pasid, va, access, null, world.here())));
    }

    @When("{device} does a DMA {access} at {number} without a PASID")
    @StepDoc(section = ACTIONS, example = "When \"nic0\" does a DMA read at 0x1000 without a PASID",
            value = "A transaction without a PASID (RID traffic, translated by the default DMA domain).")
    public void dmaWithoutPasid(String device, Access access, Long va) {
        checked(world.run(new Step.Dma(device, null, null, va, access, null, world.here())));
    }

    @When("{process} maps {number} bytes at {number} as {prot}")
    @StepDoc(section = ACTIONS, example = "When \"proc1\" maps 0x1000 bytes at 0x800000 as r",
            value = "mmap of fresh pages with protection r, rw, rx or rwx.")
    public void map(String process, Long size, Long va, Prot prot) {
        checked(world.run(new Step.Map(process, va, size, prot, world.here())));
    }

    @When("{process} unmaps {number} bytes at {number}")
    @StepDoc(section = ACTIONS, example = "When \"proc1\" unmaps 0x1000 bytes at 0x400000",
            value = "munmap; the change reaches the SMMU through the mmu notifier (TLBI, ATC_INV).")
    public void unmap(String process, Long size, Long va) {
        checked(world.run(new Step.Unmap(process, va, size, world.here())));
    }

    @When("{process} writes at {number}")
    @StepDoc(section = ACTIONS, example = "When \"proc1\" writes at 0x400000",
            value = "The process's CPU writes there. A page mapped read-only stands for a write-protected PTE of a"
                    + " writable VMA: the write fault upgrades it in place (ptep_set_access_flags, flush_tlb_page).")
    public void cpuWrite(String process, Long va) {
        checked(world.run(new Step.CpuWrite(process, va, world.here())));
    }

    @When("{process} exits")
    @StepDoc(section = ACTIONS, example = "When \"proc1\" exits",
            value = "mm teardown while still bound: the notifier's release callback runs (arm_smmu_mm_release).")
    public void exit(String process) { checked(world.run(new Step.Exit(process, world.here()))); }

    @When("the next {site} fails")
    @StepDoc(section = ACTIONS, example = "When the next \"kzalloc.bond\" fails",
            value = "Failure injection: the next hit of this site fails (`smmu-bench sites` lists them).")
    public void failNext(String site) { fail(site, 1, null); }

    @When("the next {site} fails for {device}")
    @StepDoc(section = ACTIONS, example = "When the next \"set_dev_pasid\" fails for \"dsp1\"",
            value = "The next hit of this site on that device's behalf fails (e.g. one device of a group, for rollback).")
    public void failNextFor(String site, String device) { fail(site, 1, device); }

    @When("the {ordinal} hit of {site} fails")
    @StepDoc(section = ACTIONS, example = "When the 2nd hit of \"kzalloc.bond\" fails",
            value = "The Nth next hit of this site fails (YAML `fail: {site: ..., nth: N}`).")
    public void failNth(Integer nth, String site) { fail(site, nth, null); }

    @When("the {ordinal} hit of {site} fails for {device}")
    @StepDoc(section = ACTIONS, example = "When the 2nd hit of \"kzalloc.bond\" fails for \"dsp1\"",
            value = "The Nth next hit of this site on that device's behalf fails.")
    public void failNthFor(Integer nth, String site, String device) { fail(site, nth, device); }

    private void fail(String site, int nth, String device) { checked(world.run(new Step.Fail(site, nth, device, world.here()))); }

    private static void expect(String expected, StepOutcome o) {
        if (!expected.equals(o.result()))
            throw new ExpectationFailed(expected, o.result(), o.stepText() + " returned " + o.result() + ", expected "
                    + (expected.equals("ok") ? "success" : expected) + detail(o));
    }

    /** Steps with no expected result of their own still fail when the bench says they did. */
    private static void checked(StepOutcome o) {
        if (o.failure() != null)
            throw new ExpectationFailed(o.failure().expected(), o.failure().actual(), o.failure().message() + detail(o));
    }

    private static String detail(StepOutcome o) {
        return o.detail() == null || o.detail().isBlank() ? "" : " (" + o.detail() + ")";
    }
}
