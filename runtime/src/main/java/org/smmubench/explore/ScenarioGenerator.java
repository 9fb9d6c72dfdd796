package org.smmubench.explore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.smmubench.iommu.Bus;
import org.smmubench.iommu.IommuDomainType;
import org.smmubench.kernel.FailureSites;
import org.smmubench.mm.Prot;
import org.smmubench.scenario.Access;
import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.Expectation;
import org.smmubench.scenario.Mapping;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.SmmuOptions;
import org.smmubench.scenario.SourcePos;
import org.smmubench.scenario.Step;

/**
 * Builds one scenario from a seed: a topology and up to {@code maxSteps} steps, with values
 * drawn from {@link EdgeValues} and configurations mixed at the rates of {@link Rates}. The
 * result depends on the seed and the run index alone ({@link SplittableRandom} is specified to
 * give the same sequence on every JVM), and is always a scenario the loader accepts: names
 * exist, stream IDs fit and are unique, PASIDs and ASIDs are unique, ranges are page-aligned
 * inside the user address space, and platform-only keys stay on platform devices.
 *
 * <p>Three choices shape what is found first. Scenarios grow with the run index (the first
 * runs are one step on one device; {@link Rates#STEPS_GROWTH}). The system is mostly one an SVA
 * user has, and edge configurations (an SMMU or device that cannot do SVA, a PASID-less
 * device, an IDENTITY default domain, fault injection) come at stated rates. Values aim at the
 * edges: PASIDs on either side of CD-leaf boundaries, the widest PASID a device allows.
 *
 * <p>Steps also stay within what a live system can do: a process that has exited neither maps,
 * unmaps nor exits again (there is no task left to do it). It may still be named by a bind,
 * which the bench answers with ESRCH, and by DMA, which devices keep issuing.
 */
public final class ScenarioGenerator {
    private final int maxSteps;
    private final List<String> drivers;

    private final boolean interleavings;

    /** {@code drivers}: the canonical driver ids the scenarios name (what {@code run} would run them on). */
    public ScenarioGenerator(int maxSteps, List<String> drivers) {
        this(maxSteps, drivers, false);
    }

    /** With {@code interleavings}, more than half the scenarios end in a {@code parallel:} step. */
    public ScenarioGenerator(int maxSteps, List<String> drivers, boolean interleavings) {
        if (maxSteps < 1) throw new IllegalArgumentException("maxSteps must be >= 1");
        if (drivers.isEmpty()) throw new IllegalArgumentException("no drivers");
        this.maxSteps = maxSteps;
        this.drivers = List.copyOf(drivers);
        this.interleavings = interleavings;
    }

    /** A scenario at full size (any number of steps, devices and processes up to the maxima). */
    public Scenario generate(long seed, String name) {
        return generate(seed, Integer.MAX_VALUE, name);
    }

    /** Scenario {@code run} of an exploration: its size grows with {@code run} (see {@link Rates#STEPS_GROWTH}). */
    public Scenario generate(long seed, int run, String name) {
        return new Draw(new SplittableRandom(seed), run).scenario(name);
    }

    /** How far scenario {@code run} has grown, out of {@link Rates#GROWTH_RUNS}. */
    private static long grown(int run) { return Math.min(Math.max(run, 0), Rates.GROWTH_RUNS); }

    /** The most steps scenario {@code run} may have: one at run 0, {@code maxSteps} once grown. */
    int maxStepsAt(int run) { return (int) (1 + (maxSteps - 1) * grown(run) / Rates.GROWTH_RUNS); }

    /** The most devices (or processes) scenario {@code run} may have: one at run 0, {@code cap} once grown. */
    static int maxTopologyAt(int run, int cap) { return (int) (1 + (cap - 1) * grown(run) / Rates.GROWTH_RUNS); }

    /** One scenario's worth of choices. */
    private final class Draw {
        private final SplittableRandom r;
        private final int run;
        private SmmuOptions smmu;
        private final List<DeviceSpec> devices = new ArrayList<>();
        private final List<ProcessSpec> processes = new ArrayList<>();
        private final Map<String, Integer> slotsUsed = new LinkedHashMap<>();
        private final Set<String> bound = new LinkedHashSet<>();
        private final Set<String> exited = new LinkedHashSet<>();

        Draw(SplittableRandom r, int run) {
            this.r = r;
            this.run = run;
        }

        /** Percent {@code pct} of the time. */
        private boolean chance(int pct) { return r.nextInt(100) < pct; }

        /** An edge configuration: {@code pct} percent once grown, never at run 0, in between in proportion. */
        private boolean edge(int pct) { return r.nextInt(100 * Rates.GROWTH_RUNS) < pct * grown(run); }

        Scenario scenario(String name) {
            smmu = smmu();
            int nDevices = Math.min(pick(1, 1, 1, 2, 2, 3, 4), maxTopologyAt(run, 4));
            for (int i = 0; i < nDevices; i++) devices.add(device(i));
            int nProcesses = Math.min(pick(1, 1, 2, 2, 3), maxTopologyAt(run, 3));
            Set<Integer> pasids = new LinkedHashSet<>();
            Set<Integer> asids = new LinkedHashSet<>();
            for (int i = 1; i <= nProcesses; i++) processes.add(process(i, pasids, asids));
            List<Step> steps = new ArrayList<>();
            int nSteps = 1 + r.nextInt(maxStepsAt(run));
            for (int i = 0; i < nSteps; i++) steps.add(step());
            // Drawn only when asked for, so the scenarios of a seed without it stay the same.
            if (interleavings && r.nextInt(5) < 3) steps.add(parallel());
            return new Scenario(name, null, drivers, smmu, devices, processes, steps,
                    Expectation.none(), SourcePos.UNKNOWN);
        }

        private SmmuOptions smmu() {
            boolean twoLevelCd = !edge(Rates.LINEAR_CD_TABLE);
            int ssidBits = twoLevelCd ? pick(EdgeValues.SSID_BITS_TWO_LEVEL) : pick(EdgeValues.SSID_BITS_LINEAR);
            boolean twoLevelSt = !chance(Rates.LINEAR_STREAM_TABLE);
            // A linear stream table has one STE per stream ID: keep it small.
            int sidBits = twoLevelSt ? pick(16, 16, 16, 8, 13) : pick(8, 13);
            return new SmmuOptions(twoLevelCd, twoLevelSt, ssidBits, sidBits, edge(Rates.SMMU_8BIT_ASIDS) ? 8 : 16,
                    chance(Rates.SMMU_ATS), chance(Rates.SMMU_STALL), chance(Rates.SMMU_RANGE_INV));
        }

        private DeviceSpec device(int i) {
            boolean pci = !chance(Rates.PLATFORM_DEVICE);
            String name = (pci ? "nic" : "dsp") + i;
            List<Integer> sids = new ArrayList<>();
            int nSids = chance(Rates.TWO_STREAM_IDS) ? 2 : 1;
            for (int tries = 0; sids.size() < nSids && tries < 20; tries++) {
                int sid = pick(EdgeValues.SIDS);
                if (sid >= (1L << smmu.sidBits()) || sids.contains(sid) || sidTaken(sid)) continue;
                sids.add(sid);
            }
            // Every edge SID is taken or too wide: count down from the top of the SID space.
            for (int sid = (1 << Math.min(smmu.sidBits(), 16)) - 1; sids.isEmpty(); sid--) {
                if (!sidTaken(sid)) sids.add(sid);
            }
            Integer pasidBits = edge(Rates.NO_PASID_DEVICE) ? Integer.valueOf(0)
                    : chance(Rates.OWN_PASID_WIDTH) ? Integer.valueOf(pick(EdgeValues.PASID_BITS)) : null;
            boolean ats = pci && chance(Rates.PCI_ATS);
            boolean sva = !edge(Rates.NO_SVA_DEVICE);
            IommuDomainType defaultDomain = edge(Rates.IDENTITY_DOMAIN) ? IommuDomainType.IDENTITY : IommuDomainType.DMA;
            String group = null;
            if (!pci && chance(Rates.PLATFORM_GROUPED)) {
                // Join an existing platform group (groups of up to four) or start one.
                List<String> groups = devices.stream().map(DeviceSpec::group).filter(g -> g != null).distinct().toList();
                group = !groups.isEmpty() && r.nextBoolean() ? groups.get(r.nextInt(groups.size())) : "grp" + i;
                // A group has one default domain, set by its first device: say the same type
                // for the others, so the file does not ask for what the bench ignores.
                String g = group;
                IommuDomainType first = devices.stream().filter(x -> g.equals(x.group())).map(DeviceSpec::defaultDomain).findFirst().orElse(null);
                if (first != null) defaultDomain = first;
            }
            return new DeviceSpec(name, pci ? Bus.PCI : Bus.PLATFORM, sids, pasidBits, ats, sva, group, defaultDomain, SourcePos.UNKNOWN);
        }

        /**
         * Whether a driver would get SVA enabled on {@code d} and so go on to bind: the SMMU
         * shares 16-bit CPU ASIDs and has substreams, and the device takes PASIDs and can
         * fault. The default domain is not looked at (arm_smmu_master_enable_sva does not).
         */
        private boolean canDoSva(DeviceSpec d) {
            return smmu.asidBits() >= 16 && smmu.ssidBits() > 0 && d.sva() && (d.pasidBits() == null || d.pasidBits() > 0);
        }

        private boolean sidTaken(int sid) {
            return devices.stream().anyMatch(d -> d.sids().contains(sid));
        }

        private ProcessSpec process(int i, Set<Integer> pasids, Set<Integer> asids) {
            String name = "proc" + i;
            Integer pasid = null;
            if (chance(Rates.PROCESS_PASID)) {
                int p = r.nextInt(4) == 0 ? widestPasid() : pick(EdgeValues.PASIDS);
                if (p >= 1 && p <= 0xfffff && pasids.add(p)) pasid = p;
            }
            Integer asid = null;
            if (chance(Rates.PROCESS_ASID)) {
                int a = pick(EdgeValues.ASIDS);
                // An ASID wider than the SMMU's is an input error (such an SMMU cannot do SVA).
                if (a < (1 << smmu.asidBits()) && asids.add(a)) asid = a;
            }
            if (asid == null) {
                // It gets the lowest free CPU ASID when created; later processes must not ask for it.
                int a = 1;
                while (asids.contains(a)) a++;
                asids.add(a);
            }
            List<Mapping> mappings = new ArrayList<>();
            int nMappings = pick(0, 1, 1, 1, 2);
            for (int m = 0; m < nMappings; m++) {
                long va = EdgeValues.slot(m) + pickLong(EdgeValues.OFFSETS);
                mappings.add(new Mapping(va, pickLong(EdgeValues.SIZES), pick(Prot.RW, Prot.RW, Prot.R, Prot.RWX)));
            }
            slotsUsed.put(name, nMappings);
            return new ProcessSpec(name, pasid, asid, mappings, SourcePos.UNKNOWN);
        }

        /** The widest PASID some device (or the SMMU) allows, or one past the SMMU's width. */
        private int widestPasid() {
            DeviceSpec d = devices.get(r.nextInt(devices.size()));
            int bits = d.pasidBits() != null ? Math.min(d.pasidBits(), smmu.ssidBits()) : smmu.ssidBits();
            if (r.nextInt(4) == 0) bits = Math.min(bits + 1, 20);
            return (1 << bits) - 1;
        }

        /** A step by the weights of {@link Rates}; fault injection is an edge, so its weight grows with the run. */
        private Step step() {
            long n = Rates.GROWTH_RUNS;
            long k = r.nextLong(100 * n - Rates.STEP_FAIL * (n - grown(run)));
            if ((k -= Rates.STEP_BIND * n) < 0) return bind();
            if ((k -= Rates.STEP_UNBIND * n) < 0) return unbind();
            if ((k -= Rates.STEP_DMA * n) < 0) return dma();
            if ((k -= Rates.STEP_MAP * n) < 0) return map();
            if ((k -= Rates.STEP_UNMAP * n) < 0) return unmap();
            if ((k -= Rates.STEP_EXIT * n) < 0) return exit();
            if ((k -= Rates.STEP_CPU_WRITE * n) < 0) return cpuWrite();
            return fail();
        }

        /** Mostly to a device SVA can be enabled on, as a driver binds after enabling it; see {@link Rates#BIND_TO_UNABLE_DEVICE}. */
        private Step bind() {
            List<DeviceSpec> able = devices.stream().filter(this::canDoSva).toList();
            String d = able.isEmpty() || edge(Rates.BIND_TO_UNABLE_DEVICE) ? device().name() : able.get(r.nextInt(able.size())).name();
            String p = r.nextInt(20) == 0 ? anyProcess() : liveProcessOrAny();
            bound.add(d + " " + p);
            return new Step.Bind(d, p, "ok", SourcePos.UNKNOWN);
        }

        private Step unbind() {
            if (!bound.isEmpty() && r.nextInt(5) != 0) {
                List<String> pairs = new ArrayList<>(bound);
                String[] pair = pairs.get(r.nextInt(pairs.size())).split(" ");
                return new Step.Unbind(pair[0], pair[1], "ok", SourcePos.UNKNOWN);
            }
            return new Step.Unbind(device().name(), anyProcess(), "ok", SourcePos.UNKNOWN);
        }

        private Step dma() {
            String d = device().name();
            Access access = r.nextBoolean() ? Access.READ : Access.WRITE;
            int how = r.nextInt(20);
            if (how < 3) return new Step.Dma(d, null, null, pickLong(0L, 0x400000L), access, null, SourcePos.UNKNOWN);
            if (how < 7) {
                long pasid = r.nextBoolean() ? widestPasid() : pick(EdgeValues.PASIDS);
                return new Step.Dma(d, null, pasid, 0x400000L, access, null, SourcePos.UNKNOWN);
            }
            String p = anyProcess();
            return new Step.Dma(d, p, null, addressIn(p), access, null, SourcePos.UNKNOWN);
        }

        /** The first or last page of one of the process's mappings, the page after one, or nothing mapped. */
        private long addressIn(String process) {
            ProcessSpec p = processes.stream().filter(x -> x.name().equals(process)).findFirst().orElseThrow();
            if (p.mappings().isEmpty() || r.nextInt(8) == 0) return EdgeValues.slot(EdgeValues.MAX_SLOTS);
            Mapping m = p.mappings().get(r.nextInt(p.mappings().size()));
            return switch (r.nextInt(3)) {
                case 0 -> m.va();
                case 1 -> m.va() + m.size() - 0x1000;
                default -> m.va() + m.size();
            };
        }

        private Step map() {
            String p = liveProcess();
            if (p == null) return fail();
            int slot = r.nextInt(EdgeValues.MAX_SLOTS);
            return new Step.Map(p, EdgeValues.slot(slot) + pickLong(EdgeValues.OFFSETS), pickLong(EdgeValues.SIZES),
                    pick(Prot.RW, Prot.R, Prot.RWX), SourcePos.UNKNOWN);
        }

        private Step unmap() {
            String p = liveProcess();
            if (p == null) return fail();
            long base = EdgeValues.slot(r.nextInt(Math.max(1, slotsUsed.get(p))));
            return switch (r.nextInt(5)) {
                case 0 -> new Step.Unmap(p, base, 0x1000, SourcePos.UNKNOWN);               // one page
                case 1 -> new Step.Unmap(p, base + 0xf000, 0x1000, SourcePos.UNKNOWN);      // last page of 64 KiB
                case 2 -> new Step.Unmap(p, base + 0x1ff000, 0x2000, SourcePos.UNKNOWN);    // crosses a 2 MiB table
                case 3 -> new Step.Unmap(p, base, EdgeValues.HUGE, SourcePos.UNKNOWN);      // the whole ASID
                default -> new Step.Unmap(p, base, pickLong(EdgeValues.SIZES), SourcePos.UNKNOWN);
            };
        }

        /**
         * Two or three branches of one or two steps each, racing what the kernel lets race:
         * the unbind of a bond made earlier, a process's exit, an unmap (the CPU invalidating
         * while a device's DMA or ATS request lands between its commands), a new bind, a
         * change of a group's RID domain (attach), and DMA. Each bond is unbound and each
         * process exits in one branch at most, so a step's result does not depend on which
         * branch wins (a second unbind of one bond would get EINVAL in one order and not in the
         * other). A process that one branch unmaps from or binds exits in none: the unmap or
         * bind could run after the exit; a new bind is of a pair no branch unbinds; one attach
         * at most, to a domain of its own. Maps stay out for the same reason.
         */
        private Step parallel() {
            List<String> bonds = new ArrayList<>(bound);
            Set<String> unmapping = new LinkedHashSet<>();
            boolean attached = false;
            List<List<Step>> branches = new ArrayList<>();
            int n = r.nextInt(4) == 0 ? 3 : 2;
            for (int b = 0; b < n; b++) {
                List<Step> branch = new ArrayList<>();
                int len = r.nextInt(3) == 0 ? 2 : 1;
                for (int i = 0; i < len; i++) {
                    int k = r.nextInt(6);
                    String live = liveProcess();
                    String newPair = live == null ? null : device().name() + " " + live;
                    if (k == 0 && !bonds.isEmpty()) {
                        String[] pair = bonds.remove(r.nextInt(bonds.size())).split(" ");
                        branch.add(new Step.Unbind(pair[0], pair[1], "ok", SourcePos.UNKNOWN));
                    } else if (k == 1 && live != null && !unmapping.contains(live)) {
                        exited.add(live);
                        branch.add(new Step.Exit(live, SourcePos.UNKNOWN));
                    } else if (k == 3 && live != null) {
                        // One page where a DMA of the process lands (dma() aims at the same
                        // pages), so a device's request can race this page's invalidation.
                        unmapping.add(live);
                        branch.add(new Step.Unmap(live, addressIn(live) & ~0xfffL, 0x1000, SourcePos.UNKNOWN));
                    } else if (k == 4 && newPair != null && !bound.contains(newPair)) {
                        bound.add(newPair);
                        unmapping.add(live);
                        String[] dp = newPair.split(" ");
                        branch.add(new Step.Bind(dp[0], dp[1], "ok", SourcePos.UNKNOWN));
                    } else if (k == 5 && !attached) {
                        // A device with SVA enabled cannot change its RID domain: prefer one without.
                        attached = true;
                        List<DeviceSpec> plain = devices.stream().filter(d -> !d.sva()).toList();
                        String d = plain.isEmpty() ? device().name() : plain.get(r.nextInt(plain.size())).name();
                        branch.add(new Step.Attach(d, "dom" + b, "ok", SourcePos.UNKNOWN));
                    } else {
                        branch.add(dma());
                    }
                }
                branches.add(branch);
            }
            return new Step.Parallel(branches, null, SourcePos.UNKNOWN);
        }

        /**
         * A CPU write by a live process: mostly into a read-only mapping (a write-protected PTE
         * whose write fault upgrades it in place), else any address DMA would aim at.
         */
        private Step cpuWrite() {
            String p = liveProcess();
            if (p == null) return fail();
            ProcessSpec spec = processes.stream().filter(x -> x.name().equals(p)).findFirst().orElseThrow();
            List<Mapping> readOnly = spec.mappings().stream().filter(m -> m.prot() == Prot.R).toList();
            if (!readOnly.isEmpty() && chance(Rates.CPU_WRITE_READ_ONLY)) {
                Mapping m = readOnly.get(r.nextInt(readOnly.size()));
                return new Step.CpuWrite(p, r.nextBoolean() ? m.va() : m.va() + m.size() - 0x1000, SourcePos.UNKNOWN);
            }
            return new Step.CpuWrite(p, addressIn(p), SourcePos.UNKNOWN);
        }

        private Step exit() {
            String p = liveProcess();
            if (p == null) return fail();
            exited.add(p);
            return new Step.Exit(p, SourcePos.UNKNOWN);
        }

        private Step fail() {
            List<String> sites = FailureSites.names();
            String site = sites.get(r.nextInt(sites.size()));
            int nth = pick(1, 1, 1, 2, 3);
            String d = r.nextInt(10) < 3 ? device().name() : null;
            return new Step.Fail(site, nth, d, SourcePos.UNKNOWN);
        }

        private DeviceSpec device() { return devices.get(r.nextInt(devices.size())); }

        private String anyProcess() { return processes.get(r.nextInt(processes.size())).name(); }

        private String liveProcess() {
            List<String> live = processes.stream().map(ProcessSpec::name).filter(n -> !exited.contains(n)).toList();
            return live.isEmpty() ? null : live.get(r.nextInt(live.size()));
        }

        private String liveProcessOrAny() {
            String p = liveProcess();
            return p != null ? p : anyProcess();
        }

        @SafeVarargs
        private <T> T pick(T... options) { return options[r.nextInt(options.length)]; }

        private int pick(List<Integer> options) { return options.get(r.nextInt(options.size())); }

        private long pickLong(List<Long> options) { return options.get(r.nextInt(options.size())); }

        private long pickLong(long... options) { return options[r.nextInt(options.length)]; }
    }
}
