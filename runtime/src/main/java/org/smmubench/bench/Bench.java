package org.smmubench.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import org.smmubench.check.DmaObservation;
import org.smmubench.check.Checking;
import org.smmubench.check.IncrementalInvariant;
import org.smmubench.check.Invariant;
import org.smmubench.check.StepScope;
import org.smmubench.kernel.Violation;
import org.smmubench.check.World;
import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.sva.ArmSmmuSva;
import org.smmubench.hw.Command;
import org.smmubench.hw.CommandListener;
import org.smmubench.hw.DmaResult;
import org.smmubench.hw.HwConfig;
import org.smmubench.hw.MemoryFault;
import org.smmubench.hw.PhysMemory;
import org.smmubench.hw.Smmu;
import org.smmubench.hw.Transaction;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuCore;
import org.smmubench.iommu.IommuDevFeature;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.iommu.IommuSva;
import org.smmubench.kernel.CpuStuck;
import org.smmubench.kernel.Errno;
import org.smmubench.kernel.ErrPtr;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Kernel;
import org.smmubench.kernel.KernelEventLog;
import org.smmubench.kernel.Patchable;
import org.smmubench.kernel.sched.Chooser;
import org.smmubench.kernel.sched.Scheduler;
import org.smmubench.mm.Mm;
import org.smmubench.mm.MmWorld;
import org.smmubench.scenario.DeviceSpec;
import org.smmubench.kernel.Hex;
import org.smmubench.scenario.Mapping;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.InputError;
import org.smmubench.scenario.ScenarioException;
import org.smmubench.scenario.ScenarioRules;
import org.smmubench.scenario.SourcePos;
import org.smmubench.scenario.SmmuOptions;
import org.smmubench.scenario.Step;

/**
 * The live world: one modelled machine (SMMUv3 hardware, iommu core, one arm-smmu-v3 driver
 * variant, processes) that every front-end drives. Not thread-safe; benches share nothing.
 * {@link #addDevice} probes a device, {@link #addProcess} creates an mm, {@link #run}
 * executes one step and runs the whole-state invariants, {@link #finish} tears everything
 * down and runs the end-of-run checks.
 */
public final class Bench implements AutoCloseable {
    private final String driverId;
    private final SmmuOptions smmuOptions;
    private final Kernel k;
    private final PhysMemory mem;
    private final Smmu hw;
    private final ArmSmmuV3 drv;
    private final ArmSmmuSva sva;
    private final IommuCore core;
    private final MmWorld mms;
    private final World world;
    private final List<Invariant> invariants;
    private final Checking checking;
    /** What each step touched; null in paranoid mode, which walks everything. */
    private final StepScope scope;
    /** The input rules every door obeys; the bench applies them too, so no front-end can skip them. */
    private final ScenarioRules rules = new ScenarioRules();

    private final Map<String, DeviceSpec> deviceSpecs = new LinkedHashMap<>();
    private final Map<String, Device> devices = new LinkedHashMap<>();
    /** The unmanaged domains attach steps allocated, by the name the scenario gave them. */
    private final Map<String, IommuDomain> unmanaged = new LinkedHashMap<>();
    /** Which device spec claimed each StreamID: a duplicate is found without walking every device. */
    private final Map<String, ProcessSpec> processSpecs = new LinkedHashMap<>();
    /** The PASID each process had (kept after its mm is gone, so DMA "for proc1" still means something). */
    private final Map<String, Integer> lastPasid = new LinkedHashMap<>();
    /** Handles returned by iommu_sva_bind_device per (device, process), one per successful bind. */
    private final Map<String, List<IommuSva>> handles = new LinkedHashMap<>();

    private final List<RecordedViolation> violations = new ArrayList<>();
    // Each distinct violation (invariant and message) by its index in `violations`.
    private final Map<String, Integer> seen = new LinkedHashMap<>();
    private List<RecordedViolation> current = new ArrayList<>();
    private int stepNo;
    private String stepText = "setup";
    private boolean finished;
    /** Who runs next in a parallel step; by default each task runs to its end, in branch order. */
    private Chooser chooser = (current, enabled) -> enabled.contains(current) ? current : enabled.get(0);
    private Scheduler.Execution lastParallel;
    private List<List<String>> lastBranchResults = List.of();

    /** Set by {@link #startRecording()}: the kernel's event log and the steps recorded so far. */
    private KernelEventLog eventLog;
    private final List<RecordedStep> recordedSteps = new ArrayList<>();
    private int stepFirstEvent;

    public Bench(String driverId, SmmuOptions smmu) {
        this(BenchParts.of(driverId), smmu);
    }

    public Bench(BenchParts parts, SmmuOptions smmu) {
        refuse(SourcePos.UNKNOWN, rules.smmu(smmu));
        this.driverId = parts.driverId();
        this.smmuOptions = smmu;
        this.mem = new PhysMemory();
        this.k = new Kernel(mem);
        k.setViolationSink(this::record);
        this.hw = new Smmu(hwConfig(smmu), mem);
        this.drv = new ArmSmmuV3(k, hw, parts.cdCode().apply(k), parts.invCode().apply(k));
        this.mms = new MmWorld(k, mem);
        this.sva = parts.sva().create(k, drv, mms);
        drv.setSva(sva);
        this.core = new IommuCore(k, drv);
        // The tree installs its commits' versions into every modelled file that has replaceable
        // functions (implements Patchable); a part that opens a seam needs no change here.
        List<Patchable<?>> files = new ArrayList<>();
        for (Object part : List.of(sva, core, drv, drv.cdCode, drv.invCode, mms))
            if (part instanceof Patchable<?> p) files.add(p);
        parts.tree().install(files);
        drv.setCore(core);
        drv.setDomainIds(core::newDomainId);
        this.world = new World(k, mem, hw, drv, sva, core, mms);
        this.invariants = parts.invariants().get();
        this.checking = parts.checking();
        // The scope's listeners go first, so a checker's listener already sees the store attributed.
        boolean incremental = checking != Checking.PARANOID && invariants.stream().anyMatch(i -> i instanceof IncrementalInvariant);
        this.scope = incremental ? StepScope.of(world) : null;
        for (Invariant inv : invariants) inv.attach(world, this::record);
    }

    static HwConfig hwConfig(SmmuOptions o) {
        return HwConfig.defaults()
                .withTwoLevelCdtab(o.twoLevelCdTable())
                .withTwoLevelStrtab(o.twoLevelStreamTable())
                .withSsidBits(o.ssidBits())
                .withSidBits(o.sidBits())
                .withAsid16(o.asidBits() == 16)
                .withAts(o.ats())
                .withStall(o.stall())
                .withRangeInv(o.rangeInv());
    }

    public String driverId() { return driverId; }

    public SmmuOptions smmu() { return smmuOptions; }

    /** The modelled machine, for inspection (REPL, JShell, tests). */
    public World world() { return world; }

    public List<DeviceSpec> devices() { return List.copyOf(deviceSpecs.values()); }

    public List<ProcessSpec> processes() { return List.copyOf(processSpecs.values()); }

    public List<RecordedViolation> violations() { return List.copyOf(violations); }

    /**
     * Records the run for a report that draws it: the kernel's event log (calls, locks, IRQ
     * and preemption state, commands the SMMU consumed, violations) and a topology snapshot at
     * the end of every step. Call before the topology is added to see the setup too. Costs
     * memory and time, so only {@code run --html} asks for it.
     */
    public void startRecording() {
        if (eventLog != null) return;
        eventLog = new KernelEventLog();
        k.attachEventLog(eventLog);
        hw.addCommandListener(new CommandListener() {
            @Override
            public void onCommand(Command c) {
                k.logMark(KernelEventLog.Kind.COMMAND, c.opcode() == null ? "opcode " + Hex.of(c.code()) : c.opcode().name(), c.toString());
            }
        });
    }

    /** What {@link #startRecording()} recorded so far; null when recording was never started. */
    public RunRecording recording() {
        return eventLog == null ? null : new RunRecording(recordedSteps, eventLog.events());
    }

    /** When on, each StepOutcome carries the modelled call trace and the commands queued. */
    public void setTrace(boolean on) { k.setTracing(on); }

    // ------------------------------------------------------------------ topology

    /**
     * Probes a device: the driver's probe_device, its group, the default DMA domain, and
     * (with {@code sva}) iommu_dev_enable_feature(SVA) as an SVA-capable device driver does.
     */
    public void addDevice(DeviceSpec d) {
        refuse(d.pos(), rules.device(d));
        int pasidBits = d.pasidBits() != null ? d.pasidBits() : smmuOptions.ssidBits();
        Device dev = new Device(d.name(), d.bus(), d.sids(), pasidBits, d.ats(), d.group());
        dev.requestedDefaultDomain = d.defaultDomain();
        deviceSpecs.put(d.name(), d);
        // The probe reaches the new device narrowly: not every member of the group it joins.
        beginStep(0, "add device " + d.name(), List.of(), List.of());
        if (scope != null) scope.beginProbe(dev);
        int ret = core.iommuProbeDevice(dev);
        if (ret == 0) {
            devices.put(d.name(), dev);
            // From v6.16 there is no SVA device feature: the bind itself is all a device driver does.
            if (d.sva() && core.bindNeedsDevFeatureSva()) core.iommuDevEnableFeature(dev, IommuDevFeature.SVA);
        } else {
            k.trace(d.name() + ": iommu_probe_device failed: " + Errno.name(-ret));
        }
        endStep();
    }

    /** Creates a process with its mappings (and remembers its pinned PASID for the first bind). */
    public void addProcess(ProcessSpec p) {
        refuse(p.pos(), rules.process(p));
        Mm mm = mms.createProcess(p.name(), p.asid());
        if (mm == null) throw new ScenarioException(p.pos(), "CPU ASID " + p.asid() + " of '" + p.name() + "' is already taken");
        processSpecs.put(p.name(), p);
        if (p.pasid() != null) core.pinPasid(mm, p.pasid());
        beginStep(0, "add process " + p.name(), List.of(), List.of(mm));
        for (Mapping m : p.mappings()) mms.map(mm, m.va(), m.size(), m.prot());
        endStep();
    }

    // ------------------------------------------------------------------ steps

    /** Executes one step, then the whole-state invariants. */
    public StepOutcome run(Step step) {
        if (finished) throw new IllegalStateException("the bench has finished");
        refuse(step.pos(), rules.step(step));
        int no = ++stepNo;
        String text = step.text();
        beginStep(no, text, subjectDevices(step), subjectMms(step));
        List<StepFailure> branchFailures = new ArrayList<>();
        Result r;
        r = step instanceof Step.Parallel p ? parallel(no, p, branchFailures) : abandoning(() -> execute(step));
        mms.synchronizeSrcu();
        List<String> trace = k.tracing() ? k.drainTrace() : List.of();
        List<RecordedViolation> raised = endStep();
        StepFailure failure = step instanceof Step.Parallel ? merge(no, step, branchFailures) : checkExpect(no, step, r);
        if (eventLog != null) {
            int last = recordedSteps.size() - 1;
            recordedSteps.set(last, recordedSteps.get(last).withResult(r.result, r.detail));
        }
        return new StepOutcome(no, text, r.result, r.detail, raised, failure, trace);
    }

    /**
     * Runs a kernel call the bench may have to abandon, and goes on with the state it left
     * (its frames and locks unwound): a call that would never return (the soft-lockup
     * watchdog's CpuStuck: "hang"), or one that touched memory the model does not have
     * (Kernel.oops: "oops"). A fault no kernel call made is the bench's own bug.
     */
    private Result abandoning(java.util.function.Supplier<Result> call) {
        try {
            return call.get();
        } catch (CpuStuck stuck) {
            return new Result("hang", stuck.getMessage());
        } catch (MemoryFault fault) {
            String oops = k.oops(fault);
            if (oops == null) throw fault;
            return new Result("oops", oops);
        }
    }

    /** The chooser the next parallel steps run under (the runner's interleaving search sets it). */
    public void setChooser(Chooser c) { this.chooser = java.util.Objects.requireNonNull(c); }

    /** The result of each step of each branch of the last parallel step, in branch order. */
    public List<List<String>> lastBranchResults() { return lastBranchResults.stream().map(List::copyOf).toList(); }

    /** How the last parallel step ran (null before one did). */
    public Scheduler.Execution lastParallel() { return lastParallel; }

    /**
     * A parallel step: each branch runs its steps as its own kernel task under the chooser, and
     * each step is checked against its own expect. The whole step counts as one step for
     * violations. A deadlock (every task waiting) fails the step; the locks its tasks held stay
     * held, so what the checks say afterwards is about a hung machine.
     */
    private Result parallel(int no, Step.Parallel p, List<StepFailure> failures) {
        List<Runnable> branches = new ArrayList<>();
        List<List<String>> results = new ArrayList<>();
        for (List<Step> branch : p.branches()) {
            List<String> mine = new ArrayList<>();
            results.add(mine);
            branches.add(() -> {
                for (Step s : branch) {
                    Result r = abandoning(() -> execute(s));
                    mine.add(r.result);
                    StepFailure f = checkExpect(no, s, r);
                    if (f != null) failures.add(f);
                }
            });
        }
        lastBranchResults = results;
        Scheduler.Execution ex;
        try {
            // The tasks, and beside them the SRCU callback context (numbered after the branches).
            ex = Scheduler.run(k.tasks(branches), List.of(mms.srcuCallbackContext()), chooser);
        } catch (IllegalArgumentException e) {
            // A pinned schedule that this run cannot follow (it names a task that has finished or waits).
            failures.add(new StepFailure(no, p.text(), "ok", "bad schedule", "step " + no + " (" + p.text() + ") at " + p.pos() + ": " + e.getMessage()));
            return new Result("bad schedule", e.getMessage());
        }
        lastParallel = ex;
        if (p.schedule() != null && !ex.schedule().equals(p.schedule()))
            failures.add(new StepFailure(no, p.text(), p.schedule().toString(), ex.schedule().toString(), "step " + no + " (" + p.text()
                    + ") at " + p.pos() + ": the pinned schedule " + p.schedule() + " ran as " + ex.schedule()
                    + " (a task stopped before its slice ended: it finished early or waited for a lock)"));
        if (ex.failure() instanceof RuntimeException e) throw e;
        if (ex.failure() instanceof Error e) throw e;
        if (ex.deadlock()) {
            failures.add(new StepFailure(no, p.text(), "ok", "deadlock", "step " + no + " (" + p.text() + ") at " + p.pos()
                    + ": the tasks deadlocked (every task waits for a lock another holds) under schedule " + ex.schedule()));
            return new Result("deadlock", "schedule " + ex.schedule());
        }
        return new Result("ok", "schedule " + ex.schedule());
    }

    private static StepFailure merge(int no, Step step, List<StepFailure> failures) {
        if (failures.isEmpty()) return null;
        if (failures.size() == 1) return failures.get(0);
        StepFailure first = failures.get(0);
        return new StepFailure(no, step.text(), first.expected(), first.actual(),
                String.join("; ", failures.stream().map(StepFailure::message).toList()));
    }

    private record Result(String result, String detail) {}

    private Result execute(Step step) {
        if (step instanceof Step.Bind b) return bind(b);
        if (step instanceof Step.Unbind u) return unbind(u);
        if (step instanceof Step.Dma d) return dma(d);
        if (step instanceof Step.Attach a) return attach(a);
        if (step instanceof Step.Map m) {
            mms.map(mm(m.process()), m.va(), m.size(), m.prot());
            return new Result("ok", "mapped " + Hex.of(m.va()) + "+" + Hex.of(m.size()) + " " + m.prot().yamlName());
        }
        if (step instanceof Step.Unmap u) {
            mms.unmap(mm(u.process()), u.va(), u.size());
            return new Result("ok", "unmapped " + Hex.of(u.va()) + "+" + Hex.of(u.size()));
        }
        if (step instanceof Step.CpuWrite w) {
            if (!mms.cpuWrite(mm(w.process()), w.va())) return new Result("SIGSEGV", Hex.of(w.va()) + " is not mapped in " + w.process());
            return new Result("ok", w.process() + " wrote " + Hex.of(w.va()));
        }
        if (step instanceof Step.Fail f) {
            k.failures().arm(f.site(), f.nth(), f.device());
            return new Result("ok", "armed " + f.site() + " to fail at hit " + f.nth());
        }
        Step.Exit e = (Step.Exit) step;
        mms.exit(mm(e.process()));
        return new Result("ok", e.process() + " exited");
    }

    /**
     * An attach step: the named unmanaged domain (allocated on first use) becomes the group's RID
     * domain; the name {@value Step.Attach#BLOCKED} instead claims the group's DMA ownership, as
     * VFIO does when a user opens it, which attaches the group's blocking domain.
     */
    private Result attach(Step.Attach a) {
        Device dev = devices.get(a.device());
        if (dev == null) return new Result("ENODEV", a.device() + " was not probed");
        if (Step.Attach.BLOCKED.equals(a.domain())) {
            int ret = core.iommuGroupClaimDmaOwner(dev.group);
            if (ret != 0) return new Result(Errno.name(-ret), "iommu_group_claim_dma_owner: " + Errno.name(-ret));
            return new Result("ok", dev.group.name() + " claimed: in its blocking domain");
        }
        IommuDomain dom = unmanaged.get(a.domain());
        if (dom == null) {
            dom = core.iommuDomainAlloc();
            if (dom == null) return new Result("ENOMEM", "iommu_domain_alloc failed");
            unmanaged.put(a.domain(), dom);
        }
        int ret = core.iommuAttachGroup(dom, dev.group);
        if (ret != 0) return new Result(Errno.name(-ret), "iommu_attach_group: " + Errno.name(-ret));
        return new Result("ok", dev.group.name() + " attached to " + a.domain());
    }

    private Result bind(Step.Bind b) {
        Device dev = devices.get(b.device());
        if (dev == null) return new Result("ENODEV", b.device() + " was not probed");
        Mm mm = mm(b.process());
        // A bind is made by a live process for its own mm (current->mm); once it exited there
        // is no caller left to make one, so the bench answers for the kernel as the lookup of
        // a gone task would.
        if (mm.exited()) return new Result("ESRCH", b.process() + " has exited: no live mm to bind");
        ErrPtr<IommuSva> h = core.iommuSvaBindDevice(dev, mm);
        if (h.isErr()) return new Result(Errno.name(-h.err()), "iommu_sva_bind_device: " + Errno.name(-h.err()) + why(dev, -h.err()));
        handles.computeIfAbsent(key(b.device(), b.process()), x -> new ArrayList<>()).add(h.get());
        world.handleBound(h.get());
        lastPasid.put(b.process(), mm.pasid);
        return new Result("ok", b.process() + " bound to " + b.device() + " at PASID " + Hex.of(mm.pasid));
    }

    /**
     * Why a bind failed, where the errno alone would leave the user guessing: ENODEV because
     * SVA could not be enabled on the device (and why the SMMU cannot do SVA), and the WARN the
     * core's rollback raises after any failed set_dev_pasid in 6.8.
     */
    private String why(Device dev, int errno) {
        StringBuilder sb = new StringBuilder();
        ArmSmmuMaster master = ArmSmmuV3.master(dev);
        if (errno == Errno.ENODEV && master != null && !master.svaEnabled) {
            sb.append(": SVA is not enabled on ").append(dev.name());
            var smmu = world.driver.smmu;
            if (!smmu.has(org.smmubench.driver.Feature.SVA)) {
                sb.append(", because the SMMU cannot do SVA (arm_smmu_sva_supported() failed: ");
                if (smmu.asidBits < org.smmubench.mm.MmWorld.CPU_ASID_BITS)
                    sb.append("its ").append(smmu.asidBits).append("-bit ASIDs cannot hold the CPU's ")
                            .append(org.smmubench.mm.MmWorld.CPU_ASID_BITS).append("-bit ASIDs, smmu asid-bits: ").append(smmu.asidBits);
                else if (!smmu.has(org.smmubench.driver.Feature.COHERENCY)) sb.append("its table walks are not coherent");
                else sb.append("its output address size is smaller than the CPU's physical addresses");
                sb.append(")");
            }
        }
        if (current.stream().anyMatch(v -> v.invariant().equals("kernel-warn")
                && v.violation().backtrace().contains("__iommu_remove_group_pasid")))
            sb.append("; the kernel-warn is the core's rollback of the failed attach: remove_dev_pasid finds no bond"
                    + " to remove and WARNs, as 6.8 does after any failed set_dev_pasid");
        return sb.toString();
    }

    private Result unbind(Step.Unbind u) {
        List<IommuSva> hs = handles.get(key(u.device(), u.process()));
        if (hs == null || hs.isEmpty()) return new Result("EINVAL", u.process() + " is not bound to " + u.device());
        IommuSva h = hs.remove(hs.size() - 1);
        world.handleUnbound(h);
        core.iommuSvaUnbindDevice(h);
        return new Result("ok", u.process() + " unbound from " + u.device());
    }

    private Result dma(Step.Dma d) {
        Device dev = devices.get(d.device());
        if (dev == null) return new Result("fault", d.device() + " was not probed");
        Integer pasid = null;
        if (d.process() != null) {
            pasid = lastPasid.get(d.process());
            if (pasid == null && processSpecs.get(d.process()).pasid() != null) pasid = processSpecs.get(d.process()).pasid();
            if (pasid == null) return new Result("fault", d.process() + " has no PASID yet: it was never bound");
        } else if (d.pasid() != null) {
            pasid = d.pasid().intValue();
        }
        boolean write = d.access() == org.smmubench.scenario.Access.WRITE;
        ArmSmmuMaster master = ArmSmmuV3.master(dev);
        boolean ats = dev.pciAtsEnabled && master != null && master.atsEnabled;
        Transaction t = new Transaction(dev.sids().get(0), pasid == null ? OptionalInt.empty() : OptionalInt.of(pasid),
                d.va(), write, false, false).withAts(ats);
        DmaResult r = hw.dma(t);
        // Guarded here, not only in logMark: the mark's text is built only when it is recorded.
        if (eventLog != null) k.logMark(KernelEventLog.Kind.DMA, d.access().yamlName() + " " + Hex.of(d.va()) + (pasid == null ? "" : " pasid " + Hex.of(pasid)),
                r instanceof DmaResult.Abort a ? "aborted: " + a.reason() : "ok");
        evtqThread();
        DmaObservation obs = new DmaObservation(dev, pasid, d.va(), write, r);
        for (Invariant inv : invariants) inv.onDma(world, obs, this::record);
        if (r instanceof DmaResult.Ok ok) {
            return new Result("ok", "dma " + d.access().yamlName() + " " + Hex.of(d.va()) + " -> pa " + Hex.of(ok.pa())
                    + " (" + ok.route() + ")");
        }
        DmaResult.Abort a = (DmaResult.Abort) r;
        String ev = a.event() != null && a.recorded() ? a.event().name() : "fault";
        return new Result(ev, "dma " + d.access().yamlName() + " " + Hex.of(d.va()) + " aborted: " + a.reason()
                + (a.event() != null ? " (" + a.event().name() + (a.recorded() ? "" : ", not recorded") + ")" : ""));
    }

    /** arm_smmu_evtq_thread: read what the SMMU wrote into the event queue and log it. */
    private void evtqThread() {
        try (Frame f = k.enter("arm_smmu_evtq_thread")) {
            for (var e : hw.drainEvents()) {
                k.trace("arm-smmu-v3: event " + e);
                if (eventLog != null) k.logMark(KernelEventLog.Kind.EVENT, e.type().name(), e.toString());
            }
        }
    }

    private Mm mm(String name) {
        Mm mm = mms.find(name);
        if (mm == null) throw new ScenarioException(SourcePos.UNKNOWN, "unknown process '" + name + "'");
        return mm;
    }

    private static String key(String dev, String proc) { return dev + "\u0000" + proc; }

    /** Bad input found by the shared rules: the front-end should have refused it already; say where it was written. */
    private static void refuse(SourcePos pos, List<String> problems) {
        if (problems.isEmpty()) return;
        List<InputError> errors = new ArrayList<>();
        for (String m : problems) errors.add(new InputError(pos, m));
        throw new ScenarioException(errors);
    }

    private StepFailure checkExpect(int no, Step step, Result r) {
        String expect = null;
        if (step instanceof Step.Bind b) expect = b.expectOn(driverId) == null ? "ok" : b.expectOn(driverId);
        else if (step instanceof Step.Unbind u) expect = u.expectOn(driverId) == null ? "ok" : u.expectOn(driverId);
        else if (step instanceof Step.Dma d) expect = d.expectOn(driverId);
        else if (step instanceof Step.Attach a) expect = a.expectOn(driverId) == null ? "ok" : a.expectOn(driverId);
        if (expect == null) return null;
        boolean met = expect.equals(r.result) || ("fault".equals(expect) && !"ok".equals(r.result));
        if (met) return null;
        return new StepFailure(no, step.text(), expect, r.result,
                "step " + no + " (" + step.text() + ") at " + step.pos() + ": expected " + expect + ", got " + r.result
                        + (r.detail != null ? " (" + r.detail + ")" : "") + unhitFailures());
    }

    /**
     * Armed failures nothing has hit yet: the usual reason a step expected to fail did not
     * (the path never reached the site, or not on the device named, or not that many times).
     */
    private String unhitFailures() {
        List<String> pending = new ArrayList<>();
        for (var a : k.failures().pending())
            pending.add("'" + a.site() + "'" + (a.nth() > 1 ? " (hit " + a.nth() + ", " + a.remaining() + " to go)" : "")
                    + (a.device() != null ? " for " + a.device() : ""));
        if (pending.isEmpty()) return "";
        return "; armed and not hit yet: " + String.join(", ", pending)
                + " (this step's path did not reach " + (pending.size() == 1 ? "that site" : "those sites")
                + (pending.stream().anyMatch(x -> x.contains(" for ")) ? " on that device's behalf" : "") + ")";
    }

    // ------------------------------------------------------------------ violations

    private void beginStep(int no, String text, List<Device> subjectDevices, List<Mm> subjectMms) {
        world.setStep(no);
        stepText = text;
        current = new ArrayList<>();
        if (eventLog != null) {
            stepFirstEvent = eventLog.size();
            k.logMark(KernelEventLog.Kind.STEP, text, Integer.toString(no));
        }
        if (scope != null) scope.begin(subjectDevices, subjectMms);
    }

    /**
     * The devices a step names (every branch of a parallel step): the incremental checks start
     * from what they reach. A DMA step names none: it runs no driver code that changes software
     * state (the SMMU translates, and arm_smmu_evtq_thread only logs what it reads), and what the
     * SMMU stores into memory is seen by the write listeners, so reaching the device's whole
     * group and domain from every DMA would only repeat the checks of the step that last
     * changed them.
     */
    private List<Device> subjectDevices(Step step) {
        if (step instanceof Step.Parallel p) {
            List<Device> all = new ArrayList<>();
            for (List<Step> branch : p.branches()) for (Step s : branch) all.addAll(subjectDevices(s));
            return all;
        }
        String name = step instanceof Step.Bind b ? b.device() : step instanceof Step.Unbind u ? u.device()
                : step instanceof Step.Attach a ? a.device() : null;
        Device dev = name == null ? null : devices.get(name);
        return dev == null ? List.of() : List.of(dev);
    }

    /** The processes a step names (DMA changes no software state; its hardware checks are not incremental). */
    private List<Mm> subjectMms(Step step) {
        if (step instanceof Step.Parallel p) {
            List<Mm> all = new ArrayList<>();
            for (List<Step> branch : p.branches()) for (Step s : branch) all.addAll(subjectMms(s));
            return all;
        }
        String name = step instanceof Step.Bind b ? b.process() : step instanceof Step.Unbind u ? u.process()
                : step instanceof Step.Map m ? m.process() : step instanceof Step.Unmap u ? u.process()
                : step instanceof Step.Exit e ? e.process() : null;
        Mm mm = name == null ? null : mms.find(name);
        return mm == null ? List.of() : List.of(mm);
    }

    /** Runs the whole-state invariants; returns what this step raised. */
    private List<RecordedViolation> endStep() {
        world.setFrozen(true);
        try {
            if (scope == null) {
                for (Invariant inv : invariants) inv.afterStep(world, this::recordState);
                recordStep();
                return List.copyOf(current);
            }
            scope.end();
            for (Invariant inv : invariants) {
                if (!(inv instanceof IncrementalInvariant ii)) inv.afterStep(world, this::recordState);
                else if (checking == Checking.INCREMENTAL || !Checking.compareNow(world)) ii.afterStep(world, scope, this::recordState);
                else crossCheck(ii);
            }
            scope.clear();
            recordStep();
            return List.copyOf(current);
        } finally {
            world.setFrozen(false);
        }
    }

    /** The step that just ended, with the topology it left, when recording. */
    private void recordStep() {
        if (eventLog == null) return;
        List<String> ids = current.stream().map(RecordedViolation::invariant).toList();
        recordedSteps.add(new RecordedStep(world.step(), stepText, null, null, ids, stepFirstEvent, eventLog.size(),
                TopologySnapshot.of(world)));
    }

    /**
     * Cross-check mode: the incremental and the full walk must report the same new messages,
     * in the same order (what the run records); a difference is a bug in smmu-bench.
     */
    private void crossCheck(IncrementalInvariant inv) {
        List<Violation> incremental = new ArrayList<>();
        List<Violation> full = new ArrayList<>();
        inv.afterStep(world, scope, incremental::add);
        inv.afterStep(world, full::add);
        List<String> newInc = fresh(incremental);
        List<String> newFull = fresh(full);
        java.util.Set<String> fullKeys = new java.util.HashSet<>();
        for (Violation v : full) fullKeys.add(key(v));
        List<String> invented = new ArrayList<>();
        for (Violation v : incremental) if (!fullKeys.contains(key(v))) invented.add(v.message());
        if (!newInc.equals(newFull) || !invented.isEmpty()) {
            throw new IllegalStateException("incremental " + inv.id() + " disagrees with the full walk at step " + world.step()
                    + " (" + stepText + "): full walk reported " + newFull + ", incremental " + newInc
                    + (invented.isEmpty() ? "" : ", and only the incremental " + invented));
        }
        full.forEach(this::recordState);
    }

    /** The messages not yet recorded, without repeats, in report order. */
    private List<String> fresh(List<Violation> vs) {
        List<String> out = new ArrayList<>();
        for (Violation v : vs) if (!seen.containsKey(key(v)) && !out.contains(key(v))) out.add(key(v));
        return out;
    }

    private static String key(Violation v) { return v.invariant() + "\u0000" + v.message(); }

    /**
     * The sink of the whole-state checks run after a step: a state found broken again (the
     * same invariant and message) is the same broken state still there, not a new event, so it
     * is not counted as a repeat. That also keeps a full walk, which sees it after every step,
     * and an incremental check, which sees it only where a step touched, in agreement.
     */
    private void recordState(Violation v) {
        if (seen.containsKey(key(v))) return;
        record(v);
    }

    /**
     * The violation sink: the kernel detectors and the invariants report here. An identical
     * report keeps the first splat and is counted as a repeat of it (RecordedViolation).
     */
    private void record(Violation v) {
        String key = key(v);
        // The SMMU is probed inside the constructor, before the world that numbers steps exists.
        if (world == null) {
            if (seen.containsKey(key)) return;
            seen.put(key, violations.size());
            RecordedViolation rv = new RecordedViolation(0, stepText, v);
            violations.add(rv);
            current.add(rv);
            return;
        }
        Integer at = seen.get(key);
        if (at != null) {
            RecordedViolation first = violations.get(at);
            RecordedViolation again = first.repeatedAt(world.step(), stepText);
            violations.set(at, again);
            int inStep = current.indexOf(first);
            if (inStep >= 0) current.set(inStep, again);
            return;
        }
        RecordedViolation rv = new RecordedViolation(world.step(), stepText, v);
        seen.put(key, violations.size());
        violations.add(rv);
        current.add(rv);
        k.logMark(KernelEventLog.Kind.VIOLATION, v.invariant(), v.message());
    }

    // ------------------------------------------------------------------ inspection

    /** The device's STE(s) and CD table decoded from simulated memory, valid entries only. */
    public List<String> showDevice(String name) { return Inspect.device(world, requireKnownDevice(name)); }

    /** The process: PASID, CPU ASID, mappings, bonds, notifier state. */
    public List<String> showProcess(String name) {
        if (!processSpecs.containsKey(name)) throw new ScenarioException(SourcePos.UNKNOWN, "unknown process '" + name + "'");
        return Inspect.process(world, mms.find(name), lastPasid.get(name));
    }

    /** The SMMU's ID and control registers decoded, and its queues. */
    public List<String> showSmmu() { return Inspect.smmu(world); }

    /** The SMMU's caches (STEs, CDs, TLB, ATCs), stale entries marked against memory. */
    public List<String> showCaches() { return Inspect.caches(world); }

    /** Every event the SMMU recorded, decoded. */
    public List<String> showEvents() { return Inspect.events(world); }

    private Device requireKnownDevice(String name) {
        Device d = devices.get(name);
        if (d == null) {
            throw new ScenarioException(SourcePos.UNKNOWN, "unknown device '" + name + "' (known: " + org.smmubench.scenario.Names.list(devices.keySet()) + ")");
        }
        return d;
    }

    // ------------------------------------------------------------------ teardown

    /**
     * Ends the run as a machine would shut down: device drivers unbind their remaining
     * handles and disable SVA, processes exit, devices are released; then the end-of-run
     * checks. Idempotent; returns every violation of the run.
     */
    public List<RecordedViolation> finish() {
        if (finished) return violations();
        finished = true;
        beginStep(-1, "teardown", List.of(), List.of());
        // Each call abandoned as in a step (abandoning) if it must be; teardown goes on.
        for (List<IommuSva> hs : handles.values()) {
            for (int i = hs.size() - 1; i >= 0; i--) {
                IommuSva h = hs.get(i);
                world.handleUnbound(h);
                teardown(() -> core.iommuSvaUnbindDevice(h));
            }
            hs.clear();
        }
        for (Device dev : devices.values()) {
            ArmSmmuMaster m = ArmSmmuV3.master(dev);
            if (m != null && m.svaEnabled) teardown(() -> core.iommuDevDisableFeature(dev, IommuDevFeature.SVA));
        }
        for (Mm mm : mms.all()) if (!mm.exited()) teardown(() -> mms.exit(mm));
        teardown(mms::synchronizeSrcu);
        // As a VFIO user closing its container: each group back to its default domain, then the domain goes.
        for (IommuDomain dom : unmanaged.values()) {
            for (org.smmubench.iommu.IommuGroup g : core.groups()) if (g.domain == dom) teardown(() -> core.iommuDetachGroup(dom, g));
            teardown(() -> core.iommuDomainFree(dom));
        }
        for (org.smmubench.iommu.IommuGroup g : core.groups()) if (g.dmaOwned) teardown(() -> core.iommuGroupReleaseDmaOwner(g));
        for (Device dev : devices.values()) teardown(() -> core.iommuReleaseDevice(dev));
        teardown(mms::synchronizeSrcu);
        for (Invariant inv : invariants) inv.atTeardown(world, this::record);
        recordStep();
        k.drainTrace();
        return violations();
    }

    private void teardown(Runnable call) {
        abandoning(() -> {
            call.run();
            return null;
        });
    }

    /** Remaining trace lines (setup and teardown), when tracing. */
    public List<String> drainTrace() { return k.drainTrace(); }

    @Override
    public void close() {}
}
