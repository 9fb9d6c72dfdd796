package org.smmubench.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
import org.smmubench.hw.DmaResult;
import org.smmubench.hw.HwConfig;
import org.smmubench.hw.PhysMemory;
import org.smmubench.hw.Smmu;
import org.smmubench.hw.Transaction;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuCore;
import org.smmubench.iommu.IommuDevFeature;
import org.smmubench.iommu.IommuSva;
import org.smmubench.kernel.Errno;
import org.smmubench.kernel.ErrPtr;
import org.smmubench.kernel.FailureSites;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Kernel;
import org.smmubench.mm.Mm;
import org.smmubench.mm.MmWorld;
import org.smmubench.scenario.DeviceSpec;
import org.smmubench.kernel.Hex;
import org.smmubench.scenario.Mapping;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.ScenarioException;
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

    private final Map<String, DeviceSpec> deviceSpecs = new LinkedHashMap<>();
    private final Map<String, Device> devices = new LinkedHashMap<>();
    /** Which device spec claimed each StreamID: a duplicate is found without walking every device. */
    private final Map<Integer, Integer> sidOwners = new java.util.HashMap<>();
    private final List<String> specOrder = new ArrayList<>();
    private final Map<String, ProcessSpec> processSpecs = new LinkedHashMap<>();
    /** The PASID each process had (kept after its mm is gone, so DMA "for proc1" still means something). */
    private final Map<String, Integer> lastPasid = new LinkedHashMap<>();
    /** Handles returned by iommu_sva_bind_device per (device, process), one per successful bind. */
    private final Map<String, List<IommuSva>> handles = new LinkedHashMap<>();

    private final List<RecordedViolation> violations = new ArrayList<>();
    private final Set<String> seen = new LinkedHashSet<>();
    private List<RecordedViolation> current = new ArrayList<>();
    private int stepNo;
    private String stepText = "setup";
    private boolean finished;

    public Bench(String driverId, SmmuOptions smmu) {
        this(BenchParts.of(driverId), smmu);
    }

    public Bench(BenchParts parts, SmmuOptions smmu) {
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

    /** When on, each StepOutcome carries the modelled call trace and the commands queued. */
    public void setTrace(boolean on) { k.setTracing(on); }

    // ------------------------------------------------------------------ topology

    /**
     * Probes a device: the driver's probe_device, its group, the default DMA domain, and
     * (with {@code sva}) iommu_dev_enable_feature(SVA) as an SVA-capable device driver does.
     */
    public void addDevice(DeviceSpec d) {
        if (deviceSpecs.containsKey(d.name())) throw new ScenarioException(d.pos(), "duplicate device name '" + d.name() + "'");
        // The earliest-added device holding any of these SIDs is the one named, as a walk over them would.
        int clashAt = Integer.MAX_VALUE;
        int clashSid = 0;
        for (int sid : d.sids()) {
            Integer at = sidOwners.get(sid);
            if (at != null && at < clashAt) {
                clashAt = at;
                clashSid = sid;
            }
        }
        if (clashAt != Integer.MAX_VALUE) {
            throw new ScenarioException(d.pos(), "stream ID " + Hex.of(clashSid) + " of '" + d.name() + "' is already used by '"
                    + specOrder.get(clashAt) + "'");
        }
        if (d.bus() == org.smmubench.iommu.Bus.PCI && d.group() != null) {
            throw new ScenarioException(d.pos(), "PCI device '" + d.name() + "' cannot name a group: PCI devices always get their own iommu_group");
        }
        for (int sid : d.sids()) {
            if (Integer.toUnsignedLong(sid) >= (1L << smmuOptions.sidBits())) {
                throw new ScenarioException(d.pos(), "stream ID " + Hex.of(sid) + " of '" + d.name() + "' does not fit sid-bits " + smmuOptions.sidBits());
            }
        }
        int pasidBits = d.pasidBits() != null ? d.pasidBits() : smmuOptions.ssidBits();
        Device dev = new Device(d.name(), d.bus(), d.sids(), pasidBits, d.ats(), d.group());
        deviceSpecs.put(d.name(), d);
        for (int sid : d.sids()) sidOwners.putIfAbsent(sid, specOrder.size());
        specOrder.add(d.name());
        beginStep(0, "add device " + d.name(), List.of(dev), List.of());
        int ret = core.iommuProbeDevice(dev);
        if (ret == 0) {
            devices.put(d.name(), dev);
            if (d.sva()) core.iommuDevEnableFeature(dev, IommuDevFeature.SVA);
        } else {
            k.trace(d.name() + ": iommu_probe_device failed: " + Errno.name(-ret));
        }
        endStep();
    }

    /** Creates a process with its mappings (and remembers its pinned PASID for the first bind). */
    public void addProcess(ProcessSpec p) {
        if (processSpecs.containsKey(p.name())) throw new ScenarioException(p.pos(), "duplicate process name '" + p.name() + "'");
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
        validate(step);
        int no = ++stepNo;
        beginStep(no, step.text(), subjectDevices(step), subjectMms(step));
        Result r = execute(step);
        mms.synchronizeSrcu();
        List<String> trace = k.tracing() ? k.drainTrace() : List.of();
        List<RecordedViolation> raised = endStep();
        StepFailure failure = checkExpect(no, step, r);
        return new StepOutcome(no, step.text(), r.result, r.detail, raised, failure, trace);
    }

    private record Result(String result, String detail) {}

    private Result execute(Step step) {
        if (step instanceof Step.Bind b) return bind(b);
        if (step instanceof Step.Unbind u) return unbind(u);
        if (step instanceof Step.Dma d) return dma(d);
        if (step instanceof Step.Map m) {
            mms.map(mm(m.process()), m.va(), m.size(), m.prot());
            return new Result("ok", "mapped " + Hex.of(m.va()) + "+" + Hex.of(m.size()) + " " + m.prot().yamlName());
        }
        if (step instanceof Step.Unmap u) {
            mms.unmap(mm(u.process()), u.va(), u.size());
            return new Result("ok", "unmapped " + Hex.of(u.va()) + "+" + Hex.of(u.size()));
        }
        if (step instanceof Step.Fail f) {
            k.failures().arm(f.site(), f.nth(), f.device());
            return new Result("ok", "armed " + f.site() + " to fail at hit " + f.nth());
        }
        Step.Exit e = (Step.Exit) step;
        mms.exit(mm(e.process()));
        return new Result("ok", e.process() + " exited");
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
        if (h.isErr()) return new Result(Errno.name(-h.err()), "iommu_sva_bind_device: " + Errno.name(-h.err()));
        handles.computeIfAbsent(key(b.device(), b.process()), x -> new ArrayList<>()).add(h.get());
        lastPasid.put(b.process(), mm.pasid);
        return new Result("ok", b.process() + " bound to " + b.device() + " at PASID " + Hex.of(mm.pasid));
    }

    private Result unbind(Step.Unbind u) {
        List<IommuSva> hs = handles.get(key(u.device(), u.process()));
        if (hs == null || hs.isEmpty()) return new Result("EINVAL", u.process() + " is not bound to " + u.device());
        IommuSva h = hs.remove(hs.size() - 1);
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
            for (var e : hw.drainEvents()) k.trace("arm-smmu-v3: event " + e);
        }
    }

    private Mm mm(String name) {
        Mm mm = mms.find(name);
        if (mm == null) throw new ScenarioException(org.smmubench.scenario.SourcePos.UNKNOWN, "unknown process '" + name + "'");
        return mm;
    }

    private static String key(String dev, String proc) { return dev + "\u0000" + proc; }

    /** Names in a step must exist: an error here is the user's, reported with the step's location. */
    private void validate(Step step) {
        if (step instanceof Step.Bind b) {
            requireDevice(b.device(), b);
            requireProcess(b.process(), b);
        } else if (step instanceof Step.Unbind u) {
            requireDevice(u.device(), u);
            requireProcess(u.process(), u);
        } else if (step instanceof Step.Dma d) {
            requireDevice(d.device(), d);
            if (d.process() != null) requireProcess(d.process(), d);
        } else if (step instanceof Step.Map m) {
            requireProcess(m.process(), m);
        } else if (step instanceof Step.Unmap u) {
            requireProcess(u.process(), u);
        } else if (step instanceof Step.Exit e) {
            requireProcess(e.process(), e);
        } else if (step instanceof Step.Fail f) {
            if (FailureSites.find(f.site()).isEmpty()) {
                throw new ScenarioException(f.pos(), "unknown failure site '" + f.site() + "' (known: " + String.join(", ", FailureSites.names()) + ")");
            }
            if (f.device() != null) requireDevice(f.device(), f);
        }
    }

    private void requireDevice(String name, Step s) {
        if (!deviceSpecs.containsKey(name)) {
            throw new ScenarioException(s.pos(), "unknown device '" + name + "' (known: " + String.join(", ", deviceSpecs.keySet()) + ")");
        }
    }

    private void requireProcess(String name, Step s) {
        if (!processSpecs.containsKey(name)) {
            throw new ScenarioException(s.pos(), "unknown process '" + name + "' (known: " + String.join(", ", processSpecs.keySet()) + ")");
        }
    }

    private StepFailure checkExpect(int no, Step step, Result r) {
        String expect = null;
        if (step instanceof Step.Bind b) expect = b.expect() == null ? "ok" : b.expect();
        else if (step instanceof Step.Unbind u) expect = u.expect() == null ? "ok" : u.expect();
        else if (step instanceof Step.Dma d) expect = d.expect();
        if (expect == null) return null;
        boolean met = expect.equals(r.result) || ("fault".equals(expect) && !"ok".equals(r.result));
        if (met) return null;
        return new StepFailure(no, step.text(), expect, r.result,
                "step " + no + " (" + step.text() + ") at " + step.pos() + ": expected " + expect + ", got " + r.result
                        + (r.detail != null ? " (" + r.detail + ")" : ""));
    }

    // ------------------------------------------------------------------ violations

    private void beginStep(int no, String text, List<Device> subjectDevices, List<Mm> subjectMms) {
        world.setStep(no);
        stepText = text;
        current = new ArrayList<>();
        if (scope != null) scope.begin(subjectDevices, subjectMms);
    }

    /** The devices a step names: the incremental checks start from what they reach. */
    private List<Device> subjectDevices(Step step) {
        String name = step instanceof Step.Bind b ? b.device() : step instanceof Step.Unbind u ? u.device()
                : step instanceof Step.Dma d ? d.device() : null;
        Device dev = name == null ? null : devices.get(name);
        return dev == null ? List.of() : List.of(dev);
    }

    /** The processes a step names (DMA changes no software state; its hardware checks are not incremental). */
    private List<Mm> subjectMms(Step step) {
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
                for (Invariant inv : invariants) inv.afterStep(world, this::record);
                return List.copyOf(current);
            }
            scope.end();
            for (Invariant inv : invariants) {
                if (!(inv instanceof IncrementalInvariant ii)) inv.afterStep(world, this::record);
                else if (checking == Checking.INCREMENTAL) ii.afterStep(world, scope, this::record);
                else crossCheck(ii);
            }
            scope.clear();
            return List.copyOf(current);
        } finally {
            world.setFrozen(false);
        }
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
        full.forEach(this::record);
    }

    /** The messages not yet recorded, without repeats, in report order. */
    private List<String> fresh(List<Violation> vs) {
        List<String> out = new ArrayList<>();
        for (Violation v : vs) if (!seen.contains(key(v)) && !out.contains(key(v))) out.add(key(v));
        return out;
    }

    private static String key(Violation v) { return v.invariant() + "\u0000" + v.message(); }

    /** The violation sink: the kernel detectors and the invariants report here. Identical reports count once. */
    private void record(Violation v) {
        if (!seen.add(key(v))) return;
        RecordedViolation rv = new RecordedViolation(world.step(), stepText, v);
        violations.add(rv);
        current.add(rv);
    }

    // ------------------------------------------------------------------ inspection

    /** The device's STE(s) and CD table decoded from simulated memory, valid entries only. */
    public List<String> showDevice(String name) { return Inspect.device(world, requireKnownDevice(name)); }

    /** The process: PASID, CPU ASID, mappings, bonds, notifier state. */
    public List<String> showProcess(String name) {
        if (!processSpecs.containsKey(name)) throw new ScenarioException(org.smmubench.scenario.SourcePos.UNKNOWN, "unknown process '" + name + "'");
        return Inspect.process(world, mms.find(name), lastPasid.get(name));
    }

    private Device requireKnownDevice(String name) {
        Device d = devices.get(name);
        if (d == null) {
            throw new ScenarioException(org.smmubench.scenario.SourcePos.UNKNOWN, "unknown device '" + name + "' (known: " + String.join(", ", devices.keySet()) + ")");
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
        for (List<IommuSva> hs : handles.values()) {
            for (int i = hs.size() - 1; i >= 0; i--) core.iommuSvaUnbindDevice(hs.get(i));
            hs.clear();
        }
        for (Device dev : devices.values()) {
            ArmSmmuMaster m = ArmSmmuV3.master(dev);
            if (m != null && m.svaEnabled) core.iommuDevDisableFeature(dev, IommuDevFeature.SVA);
        }
        for (Mm mm : mms.all()) if (!mm.exited()) mms.exit(mm);
        mms.synchronizeSrcu();
        for (Device dev : devices.values()) core.iommuReleaseDevice(dev);
        mms.synchronizeSrcu();
        for (Invariant inv : invariants) inv.atTeardown(world, this::record);
        k.drainTrace();
        return violations();
    }

    /** Remaining trace lines (setup and teardown), when tracing. */
    public List<String> drainTrace() { return k.drainTrace(); }

    @Override
    public void close() {}
}
