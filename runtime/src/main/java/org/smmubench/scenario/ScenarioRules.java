package org.smmubench.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.smmubench.driver.StrtabCode;
import org.smmubench.iommu.Bus;
import org.smmubench.kernel.FailureSites;
import org.smmubench.kernel.Hex;

/**
 * The semantic input rules of a scenario, written once for the four doors (YAML, Groovy,
 * Gherkin, REPL). A front-end turns its spelling into {@link Scenario} records; the records
 * pass through here, in the order they were declared, before anything runs (and the
 * {@link org.smmubench.bench.Bench} passes every record through again, so no door can skip
 * them). Each method returns the problems it found as messages; the caller adds the location
 * it knows best (YAML the exact key, Groovy the script line, Gherkin the step, the REPL the
 * line typed).
 *
 * <p>The value rules ({@link #pageRange}, {@link #processPasid}, ...) are public so that a
 * front-end with finer positions than a record carries can point at the very key; the
 * message is the same either way.
 */
public final class ScenarioRules {
    /** PASIDs (SubstreamIDs) are 20 bits wide. */
    public static final long MAX_PASID = (1L << 20) - 1;
    /** A CPU ASID is at most 16 bits. */
    public static final long MAX_ASID = 0xffff;
    public static final long PAGE = 0x1000;
    /** The end of the 48-bit user address space the modelled processes have. */
    public static final long USER_VA_END = 1L << 48;
    /** STRTAB_STE_DWORDS << 3: the bytes of one STE. */
    private static final long STE_BYTES = 64;

    private SmmuOptions smmu = SmmuOptions.defaults();
    private final Map<String, DeviceSpec> devices = new LinkedHashMap<>();
    private final Map<Long, String> sidOwner = new LinkedHashMap<>();
    private final Map<String, ProcessSpec> processes = new LinkedHashMap<>();
    private final Map<Long, String> pasidOwner = new LinkedHashMap<>();
    private final Map<Long, String> asidOwner = new LinkedHashMap<>();
    /** ASIDs taken by processes that did not name one. */
    private final java.util.Set<Long> autoAsid = new java.util.HashSet<>();
    /** Processes that exited, with where. */
    private final Map<String, SourcePos> exited = new LinkedHashMap<>();

    /** Every rule over a whole scenario, each problem at the position of the record it concerns. */
    public static List<InputError> check(Scenario s) {
        ScenarioRules r = new ScenarioRules();
        List<InputError> out = new ArrayList<>();
        r.smmu(s.smmu()).forEach(m -> out.add(new InputError(s.pos(), m)));
        for (DeviceSpec d : s.devices()) r.device(d).forEach(m -> out.add(new InputError(d.pos(), m)));
        for (ProcessSpec p : s.processes()) r.process(p).forEach(m -> out.add(new InputError(p.pos(), m)));
        for (Step st : s.steps()) r.step(st).forEach(m -> out.add(new InputError(st.pos(), m)));
        return out;
    }

    /**
     * A scenario that declares no device, process or step has nothing to run (an empty or
     * mistyped file). Groovy and Gherkin refuse it; YAML tests of the format itself are
     * written that way, so the YAML loader does not (yet) apply it.
     */
    public static Optional<String> nothingToRun(Scenario s) {
        if (!s.devices().isEmpty() || !s.processes().isEmpty() || !s.steps().isEmpty()) return Optional.empty();
        return Optional.of("scenario '" + s.name() + "' declares no device, process or step: there is nothing to run");
    }

    public SmmuOptions smmuOptions() { return smmu; }

    /** An independent checker in this one's state (a Groovy file's shared rig, reused by each of its scenarios). */
    public ScenarioRules copy() {
        ScenarioRules c = new ScenarioRules();
        c.smmu = smmu;
        c.devices.putAll(devices);
        c.sidOwner.putAll(sidOwner);
        c.processes.putAll(processes);
        c.pasidOwner.putAll(pasidOwner);
        c.asidOwner.putAll(asidOwner);
        c.autoAsid.addAll(autoAsid);
        c.exited.putAll(exited);
        return c;
    }

    // ------------------------------------------------------------------ the SMMU

    /** The SMMU's options; they must come before the first device (it is probed before them). */
    public List<String> smmu(SmmuOptions o) {
        List<String> out = new ArrayList<>();
        if (!devices.isEmpty()) out.add("the SMMU must be configured before the first device (it is probed before its devices)");
        if (o.ssidBits() < 0 || o.ssidBits() > 20) out.add("ssid-bits must be between 0 and 20, found " + o.ssidBits());
        if (o.sidBits() < 1 || o.sidBits() > 32) out.add("sid-bits must be between 1 and 32, found " + o.sidBits());
        if (o.asidBits() != 8 && o.asidBits() != 16) out.add("asid-bits must be 8 or 16, found " + o.asidBits());
        linearStreamTable(o).ifPresent(out::add);
        if (out.isEmpty()) smmu = o;
        return out;
    }

    /**
     * A linear stream table has one 64-byte STE per stream ID, allocated at probe by
     * arm_smmu_init_strtab_linear. v6.8 computes its size in a u32 as
     * {@code (1 << sid_bits) * 64}: from 26 bits on the product wraps (to 0), the
     * dmam_alloc_coherent cannot succeed and arm_smmu_device_probe fails with -ENOMEM, so there
     * is no SMMU to test. From 21 to 25 bits the kernel asks for 128 MiB..2 GiB of coherent
     * memory, more than the bench simulates.
     */
    public static Optional<String> linearStreamTable(SmmuOptions o) {
        if (o.twoLevelStreamTable() && o.sidBits() > StrtabCode.STRTAB_SPLIT) return Optional.empty();
        int bits = o.sidBits();
        if (bits <= StrtabCode.MAX_LINEAR_SID_BITS || bits > 32) return Optional.empty();
        long bytes = (1L << bits) * STE_BYTES;
        if ((bytes & 0xffff_ffffL) != bytes) {
            return Optional.of("a linear stream table with sid-bits " + bits + " cannot be set up: v6.8's"
                    + " arm_smmu_init_strtab_linear computes its size (2^" + bits + " STEs x 64 bytes) in 32 bits,"
                    + " which wraps to " + Hex.of(bytes & 0xffff_ffffL) + ", so the allocation fails and"
                    + " arm_smmu_device_probe returns -ENOMEM; use stream-table: two-level, or sid-bits up to "
                    + StrtabCode.MAX_LINEAR_SID_BITS);
        }
        return Optional.of("a linear stream table with sid-bits " + bits + " needs " + (bytes >> 20)
                + " MiB of coherent DMA memory; the bench simulates linear stream tables up to sid-bits "
                + StrtabCode.MAX_LINEAR_SID_BITS + " (64 MiB); use stream-table: two-level");
    }

    // ------------------------------------------------------------------ devices

    public List<String> device(DeviceSpec d) {
        List<String> out = new ArrayList<>();
        name("device", d.name()).ifPresent(out::add);
        if (d.name() != null && devices.containsKey(d.name())) out.add("duplicate device name '" + d.name() + "'");
        if (d.name() != null && processes.containsKey(d.name()))
            out.add("'" + d.name() + "' is already a process name; give the device another name");
        if (d.sids().isEmpty()) out.add(d.name() + ": needs at least one stream ID (sid)");
        long limit = 1L << smmu.sidBits();
        List<Long> mine = new ArrayList<>();
        for (int s : d.sids()) {
            long sid = Integer.toUnsignedLong(s);
            if (sid >= limit) {
                out.add("stream ID " + Hex.of(sid) + " of '" + d.name() + "' does not fit sid-bits " + smmu.sidBits()
                        + " (largest is " + Hex.of(limit - 1) + ")");
                continue;
            }
            String prev = sidOwner.get(sid);
            if (prev != null || mine.contains(sid)) {
                out.add("stream ID " + Hex.of(sid) + " of '" + d.name() + "' is already used by device '"
                        + (prev != null ? prev : d.name()) + "'");
                continue;
            }
            mine.add(sid);
        }
        if (d.pasidBits() != null && (d.pasidBits() < 0 || d.pasidBits() > 20))
            out.add(d.name() + ": pasid-bits must be between 0 and 20, found " + d.pasidBits());
        if (d.bus() == Bus.PCI && d.group() != null)
            out.add("group is for platform devices; PCI device '" + d.name() + "' always gets an iommu_group of its own");
        if (d.bus() == Bus.PLATFORM && d.ats())
            out.add("ats is for PCI devices only; '" + d.name() + "' is a platform device");
        if (d.group() != null) name("group", d.group()).ifPresent(out::add);
        if (d.name() != null) devices.putIfAbsent(d.name(), d);
        if (out.isEmpty()) mine.forEach(sid -> sidOwner.put(sid, d.name()));
        return out;
    }

    // ------------------------------------------------------------------ processes

    public List<String> process(ProcessSpec p) {
        List<String> out = new ArrayList<>();
        name("process", p.name()).ifPresent(out::add);
        if (p.name() != null && processes.containsKey(p.name())) out.add("duplicate process name '" + p.name() + "'");
        if (p.name() != null && devices.containsKey(p.name()))
            out.add("'" + p.name() + "' is already a device name; give the process another name");
        if (p.pasid() != null) {
            long pasid = p.pasid();
            Optional<String> bad = processPasid(pasid);
            if (bad.isPresent()) out.add(bad.get());
            else if (pasidOwner.containsKey(pasid))
                out.add("PASID " + Hex.of(pasid) + " is already given to process '" + pasidOwner.get(pasid) + "'");
        }
        if (p.asid() != null) {
            long asid = p.asid();
            if (asid < 1 || asid > MAX_ASID) out.add("asid must be between 1 and " + MAX_ASID + ", found " + asid);
            else if (smmu.asidProblem(asid) != null) out.add(smmu.asidProblem(asid));
            else if (asidOwner.containsKey(asid))
                out.add("ASID " + asid + " is already given to process '" + asidOwner.get(asid) + "'"
                        + (autoAsid.contains(asid) ? " (it took the lowest free ASID; give it an asid: of its own, or declare this process first)" : ""));
        }
        List<Mapping> ok = new ArrayList<>();
        for (Mapping m : p.mappings()) {
            Optional<String> bad = pageRange(m.va(), m.size());
            if (bad.isPresent()) {
                out.add(bad.get());
                continue;
            }
            for (Mapping o : ok) {
                if (overlaps(m, o)) out.add(overlap(m, o));
            }
            ok.add(m);
        }
        if (p.name() != null) processes.putIfAbsent(p.name(), p);
        if (out.isEmpty()) {
            if (p.pasid() != null) pasidOwner.put((long) p.pasid(), p.name());
            if (p.asid() != null) {
                asidOwner.put((long) p.asid(), p.name());
            } else {
                // The bench gives a process without asid: the lowest free CPU ASID when it is
                // created, in declaration order; a later asid: naming it would collide.
                long a = 1;
                while (asidOwner.containsKey(a)) a++;
                asidOwner.put(a, p.name());
                autoAsid.add(a);
            }
        }
        return out;
    }

    public static boolean overlaps(Mapping a, Mapping b) {
        return a.va() < b.va() + b.size() && b.va() < a.va() + a.size();
    }

    public static String overlap(Mapping m, Mapping o) {
        return "mapping " + Hex.of(m.va()) + "+" + Hex.of(m.size()) + " overlaps the mapping "
                + Hex.of(o.va()) + "+" + Hex.of(o.size());
    }

    // ------------------------------------------------------------------ steps

    public List<String> step(Step s) {
        List<String> out = new ArrayList<>();
        if (s instanceof Step.Bind b) {
            requireDevice(b.device(), out);
            requireProcess(b.process(), out);
        } else if (s instanceof Step.Unbind u) {
            requireDevice(u.device(), out);
            requireProcess(u.process(), out);
        } else if (s instanceof Step.Attach a) {
            requireDevice(a.device(), out);
            if (a.domain() == null || !a.domain().matches("[A-Za-z_][A-Za-z0-9_.-]*"))
                out.add("attach needs a domain name (letters, digits, _, ., -), found " + a.domain());
        } else if (s instanceof Step.Dma d) {
            requireDevice(d.device(), out);
            if (d.process() != null) requireProcess(d.process(), out);
            if (d.process() != null && d.pasid() != null)
                out.add("dma takes process or pasid, not both (neither means a transaction without a PASID)");
            if (d.pasid() != null) dmaPasid(d.pasid()).ifPresent(out::add);
            if (d.va() < 0) out.add("va " + Hex.of(d.va()) + " is beyond the 64-bit address space");
        } else if (s instanceof Step.Map m) {
            requireProcess(m.process(), out);
            pageRange(m.va(), m.size()).ifPresent(out::add);
            afterExit(m.process(), "map", out);
        } else if (s instanceof Step.Unmap u) {
            requireProcess(u.process(), out);
            pageRange(u.va(), u.size()).ifPresent(out::add);
            afterExit(u.process(), "unmap", out);
        } else if (s instanceof Step.Exit e) {
            requireProcess(e.process(), out);
            SourcePos first = exited.get(e.process());
            if (first != null) out.add("process '" + e.process() + "' already exited" + at(first));
            else if (out.isEmpty()) exited.put(e.process(), e.pos());
        } else if (s instanceof Step.CpuWrite w) {
            requireProcess(w.process(), out);
            if (w.va() < 0) out.add("va " + Hex.of(w.va()) + " is beyond the 64-bit address space");
            afterExit(w.process(), "write to", out);
        } else if (s instanceof Step.Parallel p) {
            for (java.util.List<Step> branch : p.branches()) for (Step b : branch) out.addAll(step(b));
        } else if (s instanceof Step.Fail f) {
            if (f.site() == null || FailureSites.find(f.site()).isEmpty())
                out.add(Names.unknown("failure site", String.valueOf(f.site()), FailureSites.names()));
            if (f.nth() < 1) out.add("nth counts from 1, found " + f.nth());
            if (f.device() != null) requireDevice(f.device(), out);
        }
        return out;
    }

    private void afterExit(String process, String verb, List<String> out) {
        SourcePos when = exited.get(process);
        if (when != null)
            out.add("process '" + process + "' exited" + at(when) + ": it has no address space left to " + verb);
    }

    private static String at(SourcePos p) {
        return p != null && p.line() > 0 ? " (line " + p.line() + ")" : "";
    }

    private void requireDevice(String name, List<String> out) {
        if (name == null || !devices.containsKey(name)) out.add(Names.unknown("device", String.valueOf(name), devices.keySet()));
    }

    private void requireProcess(String name, List<String> out) {
        if (name == null || !processes.containsKey(name)) out.add(Names.unknown("process", String.valueOf(name), processes.keySet()));
    }

    // ------------------------------------------------------------------ value rules

    /** Names are what the YAML schema allows, so every door can save to YAML. */
    public static Optional<String> name(String what, String name) {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+"))
            return Optional.of(what + " name '" + name + "' may only hold letters, digits, '_', '.' and '-'");
        return Optional.empty();
    }

    /** A process's PASID: 1..0xfffff (PASID 0 is the RID's own substream, never an mm's). */
    public static Optional<String> processPasid(long pasid) {
        if (pasid < 1 || pasid > MAX_PASID)
            return Optional.of("pasid must be between 0x1 and " + Hex.of(MAX_PASID) + " (PASID 0 is the device's own"
                    + " RID traffic), found " + Hex.of(pasid));
        return Optional.empty();
    }

    /** A literal PASID on a DMA: any 20-bit SubstreamID, 0 included. */
    public static Optional<String> dmaPasid(long pasid) {
        if (pasid < 0 || pasid > MAX_PASID)
            return Optional.of("pasid must be between 0x0 and " + Hex.of(MAX_PASID) + " (PASIDs are 20 bits), found " + Hex.of(pasid));
        return Optional.empty();
    }

    /** va/size of a page range: 4 KiB aligned, non-empty, inside the 48-bit user address space. */
    public static Optional<String> pageRange(long va, long size) {
        if (va < 0 || va >= USER_VA_END)
            return Optional.of("va " + Hex.of(va) + " is beyond the 48-bit user address space (" + Hex.of(USER_VA_END) + ")");
        if ((va & (PAGE - 1)) != 0) return Optional.of("va " + Hex.of(va) + " is not 4 KiB aligned");
        if (size <= 0 || (size & (PAGE - 1)) != 0)
            return Optional.of("size " + Hex.of(size) + " is not a positive multiple of 4 KiB (0x1000)");
        if (size > USER_VA_END - va)
            return Optional.of("range " + Hex.of(va) + "+" + Hex.of(size) + " ends beyond the 48-bit user address space ("
                    + Hex.of(USER_VA_END) + ")");
        return Optional.empty();
    }
}
