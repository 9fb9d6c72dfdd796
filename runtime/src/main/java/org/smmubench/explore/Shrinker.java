package org.smmubench.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.smmubench.iommu.IommuDomainType;
import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.Mapping;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.SmmuOptions;
import org.smmubench.scenario.Step;

/**
 * Shrinks a failing scenario to a minimal one that still fails: greedy, to a fixed point.
 * Each round tries the candidates of {@link #removals} (runs of steps, then single steps, single
 * steps of parallel branches, devices with their steps, processes with their steps, mappings,
 * extra stream IDs), then of
 * {@link #simplifications} (SMMU options back to their defaults, device and process options
 * dropped, a default domain back to DMA, numbers made smaller), and keeps the first that the loader accepts and that still
 * fails. It stops when no candidate does, so the result is 1-minimal: removing any single
 * element, or making any single value simpler, no longer shows the finding.
 *
 * <p>Candidates come in a fixed order and the predicate is deterministic, so the same input
 * always shrinks to the same output.
 */
public final class Shrinker {
    private final Predicate<Scenario> fails;
    private int tries;

    public Shrinker(Predicate<Scenario> fails) {
        this.fails = fails;
    }

    /** Candidates tried so far (each one that the loader accepted cost a run). */
    public int tries() { return tries; }

    public Scenario shrink(Scenario start) {
        Scenario cur = start;
        boolean progress = true;
        while (progress) {
            progress = false;
            List<Scenario> candidates = new ArrayList<>(removals(cur));
            candidates.addAll(simplifications(cur));
            for (Scenario c : candidates) {
                if (c.equals(cur) || !Validity.accepts(c)) continue;
                tries++;
                if (fails.test(c)) {
                    cur = c;
                    progress = true;
                    break;
                }
            }
        }
        return cur;
    }

    // ------------------------------------------------------------------ removals

    /** Every scenario with one element fewer (and runs of steps fewer), largest cuts first. */
    public static List<Scenario> removals(Scenario s) {
        List<Scenario> out = new ArrayList<>();
        int n = s.steps().size();
        for (int chunk = n / 2; chunk >= 2; chunk /= 2) {
            for (int from = 0; from + chunk <= n; from += chunk) {
                List<Step> steps = new ArrayList<>(s.steps());
                steps.subList(from, from + chunk).clear();
                out.add(withSteps(s, steps));
            }
        }
        for (int i = 0; i < n; i++) {
            List<Step> steps = new ArrayList<>(s.steps());
            steps.remove(i);
            out.add(withSteps(s, steps));
        }
        for (int i = 0; i < n; i++) {
            if (!(s.steps().get(i) instanceof Step.Parallel p)) continue;
            for (int b = 0; b < p.branches().size(); b++) {
                for (int j = 0; j < p.branches().get(b).size(); j++) {
                    List<List<Step>> branches = new ArrayList<>();
                    for (int c = 0; c < p.branches().size(); c++) {
                        List<Step> branch = new ArrayList<>(p.branches().get(c));
                        if (c == b) branch.remove(j);
                        if (!branch.isEmpty()) branches.add(branch);
                    }
                    List<Step> steps = new ArrayList<>(s.steps());
                    steps.remove(i);
                    // One branch left is no race: its steps run in line.
                    if (branches.size() == 1) steps.addAll(i, branches.get(0));
                    else steps.add(i, new Step.Parallel(branches, p.schedule(), p.pos()));
                    out.add(withSteps(s, steps));
                }
            }
        }
        for (DeviceSpec d : s.devices()) out.add(withoutDevice(s, d.name()));
        for (ProcessSpec p : s.processes()) out.add(withoutProcess(s, p.name()));
        for (int i = 0; i < s.processes().size(); i++) {
            ProcessSpec p = s.processes().get(i);
            for (int m = 0; m < p.mappings().size(); m++) {
                List<Mapping> maps = new ArrayList<>(p.mappings());
                maps.remove(m);
                out.add(withProcess(s, i, new ProcessSpec(p.name(), p.pasid(), p.asid(), maps, p.pos())));
            }
        }
        for (int i = 0; i < s.devices().size(); i++) {
            DeviceSpec d = s.devices().get(i);
            for (int k = 0; k < d.sids().size() && d.sids().size() > 1; k++) {
                List<Integer> sids = new ArrayList<>(d.sids());
                sids.remove(k);
                out.add(withDevice(s, i, new DeviceSpec(d.name(), d.bus(), sids, d.pasidBits(), d.ats(), d.sva(), d.group(), d.defaultDomain(), d.pos())));
            }
        }
        return out;
    }

    private static Scenario withoutDevice(Scenario s, String name) {
        List<DeviceSpec> devices = s.devices().stream().filter(d -> !d.name().equals(name)).toList();
        List<Step> steps = without(s.steps(), st -> name.equals(deviceOf(st)));
        return new Scenario(s.name(), s.description(), s.drivers(), s.smmu(), devices, s.processes(), steps, s.expect(), s.pos());
    }

    private static Scenario withoutProcess(Scenario s, String name) {
        List<ProcessSpec> processes = s.processes().stream().filter(p -> !p.name().equals(name)).toList();
        List<Step> steps = without(s.steps(), st -> name.equals(processOf(st)));
        return new Scenario(s.name(), s.description(), s.drivers(), s.smmu(), s.devices(), processes, steps, s.expect(), s.pos());
    }

    /** The steps without those {@code drop} names, inside parallel branches too (a branch left empty goes, one left alone runs in line). */
    private static List<Step> without(List<Step> steps, Predicate<Step> drop) {
        List<Step> out = new ArrayList<>();
        for (Step st : steps) {
            if (st instanceof Step.Parallel p) {
                List<List<Step>> branches = new ArrayList<>();
                for (List<Step> b : p.branches()) {
                    List<Step> kept = b.stream().filter(x -> !drop.test(x)).toList();
                    if (!kept.isEmpty()) branches.add(kept);
                }
                if (branches.size() == 1) out.addAll(branches.get(0));
                else if (branches.size() > 1) out.add(new Step.Parallel(branches, p.schedule(), p.pos()));
            } else if (!drop.test(st)) {
                out.add(st);
            }
        }
        return out;
    }

    static String deviceOf(Step st) {
        if (st instanceof Step.Bind b) return b.device();
        if (st instanceof Step.Unbind u) return u.device();
        if (st instanceof Step.Dma d) return d.device();
        if (st instanceof Step.Attach a) return a.device();
        if (st instanceof Step.Fail f) return f.device();
        return null;
    }

    static String processOf(Step st) {
        if (st instanceof Step.Bind b) return b.process();
        if (st instanceof Step.Unbind u) return u.process();
        if (st instanceof Step.Dma d) return d.process();
        if (st instanceof Step.Map m) return m.process();
        if (st instanceof Step.Unmap u) return u.process();
        if (st instanceof Step.Exit e) return e.process();
        if (st instanceof Step.CpuWrite w) return w.process();
        return null;
    }

    // ------------------------------------------------------------------ simplifications

    /** Every scenario with one option back at its default or one number smaller. */
    public static List<Scenario> simplifications(Scenario s) {
        List<Scenario> out = new ArrayList<>();
        SmmuOptions o = s.smmu();
        SmmuOptions d = SmmuOptions.defaults();
        List<SmmuOptions> smmus = List.of(
                new SmmuOptions(d.twoLevelCdTable(), o.twoLevelStreamTable(), o.ssidBits(), o.sidBits(), o.asidBits(), o.ats(), o.stall(), o.rangeInv()),
                new SmmuOptions(o.twoLevelCdTable(), d.twoLevelStreamTable(), o.ssidBits(), o.sidBits(), o.asidBits(), o.ats(), o.stall(), o.rangeInv()),
                new SmmuOptions(o.twoLevelCdTable(), o.twoLevelStreamTable(), d.ssidBits(), o.sidBits(), o.asidBits(), o.ats(), o.stall(), o.rangeInv()),
                new SmmuOptions(o.twoLevelCdTable(), o.twoLevelStreamTable(), o.ssidBits(), d.sidBits(), o.asidBits(), o.ats(), o.stall(), o.rangeInv()),
                new SmmuOptions(o.twoLevelCdTable(), o.twoLevelStreamTable(), o.ssidBits(), o.sidBits(), d.asidBits(), o.ats(), o.stall(), o.rangeInv()),
                new SmmuOptions(o.twoLevelCdTable(), o.twoLevelStreamTable(), o.ssidBits(), o.sidBits(), o.asidBits(), d.ats(), o.stall(), o.rangeInv()),
                new SmmuOptions(o.twoLevelCdTable(), o.twoLevelStreamTable(), o.ssidBits(), o.sidBits(), o.asidBits(), o.ats(), d.stall(), o.rangeInv()),
                new SmmuOptions(o.twoLevelCdTable(), o.twoLevelStreamTable(), o.ssidBits(), o.sidBits(), o.asidBits(), o.ats(), o.stall(), d.rangeInv()));
        for (SmmuOptions x : smmus) {
            if (!x.equals(o)) out.add(new Scenario(s.name(), s.description(), s.drivers(), x, s.devices(), s.processes(), s.steps(), s.expect(), s.pos()));
        }
        for (int i = 0; i < s.devices().size(); i++) {
            DeviceSpec v = s.devices().get(i);
            if (v.pasidBits() != null) out.add(withDevice(s, i, new DeviceSpec(v.name(), v.bus(), v.sids(), null, v.ats(), v.sva(), v.group(), v.defaultDomain(), v.pos())));
            if (v.ats()) out.add(withDevice(s, i, new DeviceSpec(v.name(), v.bus(), v.sids(), v.pasidBits(), false, v.sva(), v.group(), v.defaultDomain(), v.pos())));
            if (!v.sva()) out.add(withDevice(s, i, new DeviceSpec(v.name(), v.bus(), v.sids(), v.pasidBits(), v.ats(), true, v.group(), v.defaultDomain(), v.pos())));
            if (v.group() != null) out.add(withDevice(s, i, new DeviceSpec(v.name(), v.bus(), v.sids(), v.pasidBits(), v.ats(), v.sva(), null, v.defaultDomain(), v.pos())));
            if (v.defaultDomain() != IommuDomainType.DMA)
                out.add(withDevice(s, i, new DeviceSpec(v.name(), v.bus(), v.sids(), v.pasidBits(), v.ats(), v.sva(), v.group(), IommuDomainType.DMA, v.pos())));
            for (int k = 0; k < v.sids().size(); k++) {
                for (long sid : smaller(Integer.toUnsignedLong(v.sids().get(k)), 0)) {
                    List<Integer> sids = new ArrayList<>(v.sids());
                    sids.set(k, (int) sid);
                    out.add(withDevice(s, i, new DeviceSpec(v.name(), v.bus(), sids, v.pasidBits(), v.ats(), v.sva(), v.group(), v.defaultDomain(), v.pos())));
                }
            }
        }
        for (int i = 0; i < s.processes().size(); i++) {
            ProcessSpec p = s.processes().get(i);
            if (p.pasid() != null) {
                out.add(withProcess(s, i, new ProcessSpec(p.name(), null, p.asid(), p.mappings(), p.pos())));
                for (long v : smaller(p.pasid(), 1)) out.add(withProcess(s, i, new ProcessSpec(p.name(), (int) v, p.asid(), p.mappings(), p.pos())));
            }
            if (p.asid() != null) {
                out.add(withProcess(s, i, new ProcessSpec(p.name(), p.pasid(), null, p.mappings(), p.pos())));
                for (long v : smaller(p.asid(), 1)) out.add(withProcess(s, i, new ProcessSpec(p.name(), p.pasid(), (int) v, p.mappings(), p.pos())));
            }
            for (int m = 0; m < p.mappings().size(); m++) {
                Mapping map = p.mappings().get(m);
                for (long pages : smaller(map.size() / 0x1000, 1)) {
                    List<Mapping> maps = new ArrayList<>(p.mappings());
                    maps.set(m, new Mapping(map.va(), pages * 0x1000, map.prot()));
                    out.add(withProcess(s, i, new ProcessSpec(p.name(), p.pasid(), p.asid(), maps, p.pos())));
                }
            }
        }
        for (int i = 0; i < s.steps().size(); i++) {
            for (Step st : simpler(s.steps().get(i))) {
                List<Step> steps = new ArrayList<>(s.steps());
                steps.set(i, st);
                out.add(withSteps(s, steps));
            }
        }
        return out;
    }

    private static List<Step> simpler(Step st) {
        List<Step> out = new ArrayList<>();
        if (st instanceof Step.Fail f) {
            if (f.device() != null) out.add(new Step.Fail(f.site(), f.nth(), null, f.pos()));
            for (long v : smaller(f.nth(), 1)) out.add(new Step.Fail(f.site(), (int) v, f.device(), f.pos()));
        } else if (st instanceof Step.Dma d && d.pasid() != null) {
            for (long v : smaller(d.pasid(), 0)) out.add(new Step.Dma(d.device(), null, v, d.va(), d.access(), d.expect(), d.pos()));
        } else if (st instanceof Step.Map m) {
            for (long pages : smaller(m.size() / 0x1000, 1)) out.add(new Step.Map(m.process(), m.va(), pages * 0x1000, m.prot(), m.pos()));
        } else if (st instanceof Step.Unmap u) {
            for (long pages : smaller(u.size() / 0x1000, 1)) out.add(new Step.Unmap(u.process(), u.va(), pages * 0x1000, u.pos()));
        }
        return out;
    }

    /**
     * Smaller values to try for {@code v}, smallest first: {@code min}, then halfway back
     * towards {@code v}, and so on, ending at {@code v - 1}. The first that still fails wins,
     * so the search lands on the smallest failing value when failure is monotone.
     */
    static List<Long> smaller(long v, long min) {
        List<Long> out = new ArrayList<>();
        if (v <= min) return out;
        out.add(min);
        for (long gap = (v - min) / 2; gap > 0; gap /= 2) {
            long c = v - gap;
            if (!out.contains(c)) out.add(c);
        }
        return out;
    }

    // ------------------------------------------------------------------ helpers

    private static Scenario withSteps(Scenario s, List<Step> steps) {
        return new Scenario(s.name(), s.description(), s.drivers(), s.smmu(), s.devices(), s.processes(), steps, s.expect(), s.pos());
    }

    private static Scenario withDevice(Scenario s, int i, DeviceSpec d) {
        List<DeviceSpec> devices = new ArrayList<>(s.devices());
        devices.set(i, d);
        return new Scenario(s.name(), s.description(), s.drivers(), s.smmu(), devices, s.processes(), s.steps(), s.expect(), s.pos());
    }

    private static Scenario withProcess(Scenario s, int i, ProcessSpec p) {
        List<ProcessSpec> processes = new ArrayList<>(s.processes());
        processes.set(i, p);
        return new Scenario(s.name(), s.description(), s.drivers(), s.smmu(), s.devices(), processes, s.steps(), s.expect(), s.pos());
    }

    /** Scenario sizes, for the report line "shrunk 7 steps -> 1". */
    public record Size(int devices, int processes, int mappings, int steps) {
        public static Size of(Scenario s) {
            int maps = s.processes().stream().mapToInt(p -> p.mappings().size()).sum();
            return new Size(s.devices().size(), s.processes().size(), maps, s.steps().size());
        }

        @Override
        public String toString() {
            return devices + " device(s), " + processes + " process(es), " + mappings + " mapping(s), " + steps + " step(s)";
        }
    }
}
