package org.smmubench.dsl.script;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.smmubench.check.Invariants;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.scenario.Access;
import org.smmubench.iommu.Bus;
import org.smmubench.iommu.IommuDomainType;
import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.Mapping;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.mm.Prot;
import org.smmubench.scenario.SmmuOptions;
import org.smmubench.scenario.SourcePos;
import org.smmubench.scenario.Step;

/**
 * The statements of docs/format.md (Groovy) from Groovy's spelling (a name, then named arguments)
 * to the shared Scenario records. Every check that does not need the topology happens
 * here; the rest happens in the {@link Statements} receiver.
 */
public final class Vocabulary {
    /** errno names a bind or unbind may be expected to return (docs/format.md). */
    public static final List<String> ERRNOS =
            List.of("ok", "ENODEV", "ENOMEM", "EBUSY", "ENOSPC", "EINVAL", "E2BIG", "EOVERFLOW", "ESRCH");
    public static final List<String> DMA_RESULTS = List.of("ok", "fault", "C_BAD_CD", "C_BAD_SUBSTREAMID",
            "C_BAD_STE", "F_TRANSLATION", "F_PERMISSION", "F_ACCESS", "F_ADDR_SIZE", "F_CD_FETCH", "F_STE_FETCH");

    private final Statements out;
    /** While a {@code parallel} branch runs: the steps it makes, instead of handing them on. */
    private List<Step> capture;

    public Vocabulary(Statements out) { this.out = out; }

    private void emit(Step s) {
        if (capture != null) capture.add(s);
        else out.step(s);
    }

    /**
     * {@code parallel { ... } { ... }}: each closure's statements become one branch, run by its
     * own kernel task. Only step statements belong inside; branches cannot nest.
     */
    public void parallel(List<? extends groovy.lang.Closure<?>> branches, SourcePos pos) {
        if (capture != null) throw new DslError("parallel: branches cannot nest");
        if (branches.size() < 2) throw new DslError("parallel: give at least two branches, each a { ... } block of steps");
        List<List<Step>> out = new ArrayList<>();
        try {
            for (groovy.lang.Closure<?> c : branches) {
                capture = new ArrayList<>();
                c.call();
                if (capture.isEmpty()) throw new DslError("parallel: a branch has no steps");
                out.add(capture);
            }
        } finally {
            capture = null;
        }
        emit(new Step.Parallel(out, null, pos));
    }

    public void scenario(String name, SourcePos pos) { out.scenario(requireText("scenario", name), pos); }

    public void description(String text) { out.description(requireText("description", text)); }

    public void driver(Collection<?> ids) {
        if (ids.isEmpty()) throw new DslError("driver: name at least one driver (" + String.join(", ", DriverVariants.names()) + ")");
        List<String> names = new ArrayList<>();
        for (Object o : ids) names.add(requireText("driver", o));
        out.drivers(resolveDrivers("driver", names));
    }

    public void tags(Collection<?> tags) {
        List<String> out = new ArrayList<>();
        for (Object o : tags) {
            String t = requireText("tags", o);
            if (!t.matches("@?[^\\s@()]+"))
                throw new DslError("tags: '" + t + "' is not a tag (one word, no spaces, '@' or parentheses)");
            out.add(Scenario.tag(t));
        }
        this.out.tags(out);
    }

    public void smmu(Map<?, ?> a) {
        NamedArgs n = new NamedArgs("smmu", a, "cdTable", "streamTable", "ssidBits", "sidBits", "asidBits", "ats",
                "stall", "rangeInv", "cd-table", "stream-table", "ssid-bits", "sid-bits", "asid-bits", "range-inv");
        SmmuOptions o = out.smmu();
        boolean cd2 = tableLevels(n, "cdTable", "cd-table", o.twoLevelCdTable());
        boolean st2 = tableLevels(n, "streamTable", "stream-table", o.twoLevelStreamTable());
        int ssid = bits(n, "ssidBits", "ssid-bits", o.ssidBits(), 0, 20);
        int sid = bits(n, "sidBits", "sid-bits", o.sidBits(), 1, 32);
        int asid = bits(n, "asidBits", "asid-bits", o.asidBits(), 8, 16);
        if (asid != 8 && asid != 16) throw new DslError("smmu: asidBits must be 8 or 16, found " + asid);
        boolean ats = orElse(n.bool("ats"), o.ats());
        boolean stall = orElse(n.bool("stall"), o.stall());
        boolean rangeInv = orElse(n.bool("rangeInv"), orElse(n.bool("range-inv"), o.rangeInv()));
        out.smmu(new SmmuOptions(cd2, st2, ssid, sid, asid, ats, stall, rangeInv));
    }

    public void pci(Map<?, ?> a, String name, SourcePos pos) {
        NamedArgs n = new NamedArgs("pci", a, "sid", "pasidBits", "ats", "sva", "defaultDomain", "pasid-bits");
        out.device(new DeviceSpec(requireText("pci", name), Bus.PCI, sids("pci " + name, n), pasidBits(n),
                orElse(n.bool("ats"), false), orElse(n.bool("sva"), true), null, defaultDomain("pci", n), pos));
    }

    public void platform(Map<?, ?> a, String name, SourcePos pos) {
        if (a != null && a.containsKey("ats"))
            throw new DslError("platform: ats is for PCI devices only (platform devices have no ATC)");
        NamedArgs n = new NamedArgs("platform", a, "sid", "group", "pasidBits", "sva", "defaultDomain", "pasid-bits");
        out.device(new DeviceSpec(requireText("platform", name), Bus.PLATFORM, sids("platform " + name, n),
                pasidBits(n), false, orElse(n.bool("sva"), true), n.string("group", null), defaultDomain("platform", n), pos));
    }

    /** defaultDomain: 'dma' (the default) or 'identity', the type of the device's RID domain. */
    private static IommuDomainType defaultDomain(String verb, NamedArgs n) {
        String v = n.string("defaultDomain", "dma");
        return switch (v) {
            case "dma" -> IommuDomainType.DMA;
            case "identity" -> IommuDomainType.IDENTITY;
            default -> throw new DslError(verb + ": defaultDomain is 'dma' or 'identity', not '" + v + "'");
        };
    }

    public void process(Map<?, ?> a, String name, SourcePos pos) {
        NamedArgs n = new NamedArgs("process", a, "pasid", "asid", "mappings");
        List<Mapping> maps = new ArrayList<>();
        Object m = n.raw("mappings");
        if (m != null) {
            if (!(m instanceof Collection<?> list))
                throw new DslError("process: mappings must be a list of [va:, size:, prot:] maps");
            for (Object e : list) {
                if (!(e instanceof Map<?, ?> mm)) throw new DslError("process: each mapping is a map [va: 0x400000, size: 0x1000, prot: 'rw']");
                NamedArgs ma = new NamedArgs("mapping", mm, "va", "size", "prot");
                maps.add(new Mapping(ma.requiredNumber("va"), ma.requiredNumber("size"), prot(ma.string("prot", "rw"))));
            }
        }
        out.process(new ProcessSpec(requireText("process", name), n.integer("pasid"), n.integer("asid"), maps, pos));
    }

    public void bind(Map<?, ?> a, String device, String process, SourcePos pos) {
        NamedArgs n = new NamedArgs("bind", a, "expect");
        Expect e = expect("bind", n, "ok", r -> errno("bind", r));
        emit(new Step.Bind(requireText("bind", device), requireText("bind", process), e.all(), e.byTree(), pos));
    }

    public void unbind(Map<?, ?> a, String device, String process, SourcePos pos) {
        NamedArgs n = new NamedArgs("unbind", a, "expect");
        Expect e = expect("unbind", n, "ok", r -> errno("unbind", r));
        emit(new Step.Unbind(requireText("unbind", device), requireText("unbind", process), e.all(), e.byTree(), pos));
    }

    public void attach(Map<?, ?> a, String device, String domain, SourcePos pos) {
        NamedArgs n = new NamedArgs("attach", a, "expect");
        Expect e = expect("attach", n, "ok", r -> errno("attach", r));
        emit(new Step.Attach(requireText("attach", device), requireText("attach", domain), e.all(), e.byTree(), pos));
    }

    /** A step's expected result on every tree, and on the trees that differ ({@code expect: [default: 'ok', 'TREE': 'EBUSY']}). */
    private record Expect(String all, Map<String, String> byTree) {}

    private static Expect expect(String verb, NamedArgs n, String dflt, java.util.function.UnaryOperator<String> check) {
        Object raw = n.raw("expect");
        if (!(raw instanceof Map<?, ?> m)) {
            String one = n.string("expect", dflt);
            return new Expect(one == null ? null : check.apply(one), Map.of());
        }
        String all = dflt;
        Map<String, String> byTree = new java.util.LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = requireText(verb, e.getKey());
            String result = check.apply(requireText(verb, e.getValue()));
            if (key.equals("default")) {
                all = result;
                continue;
            }
            String tree = DriverVariants.resolve(key).orElseThrow(() -> new DslError(verb + ": expect: "
                    + DriverVariants.problem(key).orElseGet(() -> "unknown driver '" + key + "'" + Suggest.hint(key, DriverVariants.names())
                    + " (known: default, " + String.join(", ", DriverVariants.names()) + ")")));
            if (byTree.putIfAbsent(tree, result) != null)
                throw new DslError(verb + ": expect: two keys name driver " + tree);
        }
        return new Expect(all, byTree);
    }

    public void dma(Map<?, ?> a, String device, String process, SourcePos pos) {
        NamedArgs n = new NamedArgs("dma", a, "va", "access", "pasid", "expect");
        if (process != null && n.has("pasid"))
            throw new DslError("dma: give either a process or pasid:, not both");
        String access = n.string("access", "read").toLowerCase(Locale.ROOT);
        if (!access.equals("read") && !access.equals("write"))
            throw new DslError("dma: access must be 'read' or 'write', found '" + access + "'");
        Expect expect = expect("dma", n, null, Vocabulary::dmaResult);
        emit(new Step.Dma(requireText("dma", device), process, n.number("pasid"), n.requiredNumber("va"),
                Access.valueOf(access.toUpperCase(Locale.ROOT)), expect.all(), expect.byTree(), pos));
    }

    public void map(Map<?, ?> a, String process, SourcePos pos) {
        NamedArgs n = new NamedArgs("map", a, "va", "size", "prot");
        emit(new Step.Map(requireText("map", process), n.requiredNumber("va"), n.requiredNumber("size"),
                prot(n.string("prot", "rw")), pos));
    }

    public void unmap(Map<?, ?> a, String process, SourcePos pos) {
        NamedArgs n = new NamedArgs("unmap", a, "va", "size");
        emit(new Step.Unmap(requireText("unmap", process), n.requiredNumber("va"), n.requiredNumber("size"), pos));
    }

    public void cpuWrite(Map<?, ?> a, String process, SourcePos pos) {
        NamedArgs n = new NamedArgs("cpuWrite", a, "va");
        out.step(new Step.CpuWrite(requireText("cpuWrite", process), n.requiredNumber("va"), pos));
    }

    public void exit(String process, SourcePos pos) {
        emit(new Step.Exit(requireText("exit", process), pos));
    }

    public void fail(Map<?, ?> a, String site, SourcePos pos) {
        NamedArgs n = new NamedArgs("fail", a, "nth", "device");
        Integer nth = n.integer("nth");
        if (nth != null && nth < 1) throw new DslError("fail: nth counts from 1, found " + nth);
        emit(new Step.Fail(requireText("fail", site), nth == null ? 1 : nth, n.string("device", null), pos));
    }

    public void expect(Map<?, ?> a, Collection<?> drivers) {
        NamedArgs n = new NamedArgs("expect", a, "violations");
        if (!n.has("violations")) throw new DslError("expect: missing violations: [...]");
        Object v = n.raw("violations");
        if (!(v instanceof Collection<?> list))
            throw new DslError("expect: violations must be a list of invariant ids, e.g. ['atomic-sleep']");
        Set<String> ids = new LinkedHashSet<>();
        for (Object o : list) {
            String id = requireText("expect", o);
            if (Invariants.find(id).isEmpty())
                throw new DslError("expect: unknown invariant '" + id + "'" + Suggest.hint(id, Invariants.ids())
                        + "; `smmu-bench invariants` lists them");
            ids.add(id);
        }
        List<String> names = new ArrayList<>();
        for (Object o : drivers) names.add(requireText("expect", o));
        out.expect(names.isEmpty() ? List.of() : resolveDrivers("expect", names), ids);
    }

    /** Canonical tree names for tree names, aliases and "all"; unknown names are errors with a hint. */
    public static List<String> resolveDrivers(String verb, List<String> names) {
        for (String s : names) {
            if (!s.equals("all") && DriverVariants.resolve(s).isEmpty())
                throw new DslError(verb + ": " + DriverVariants.problem(s).orElseGet(() -> "unknown driver '" + s + "'"
                        + Suggest.hint(s, DriverVariants.names()) + " (known: " + String.join(", ", DriverVariants.names()) + ")"));
        }
        return DriverVariants.expand(names);
    }

    private static String requireText(String verb, Object o) {
        if (o instanceof CharSequence cs && !cs.toString().isBlank()) return cs.toString();
        throw new DslError(verb + ": expected a name in quotes, found " + NamedArgs.describe(o));
    }

    private static String dmaResult(String expect) {
        if (!expect.equals("ok") && !expect.equals("fault") && !expect.matches("[CF]_[A-Z_]+"))
            throw new DslError("dma: expect must be 'ok', 'fault' or an event name such as 'C_BAD_CD', found '" + expect + "'");
        return expect;
    }

    private static String errno(String verb, String e) {
        // Any errno name is accepted (the model may grow new failure paths); ERRNOS feeds completion.
        if (!e.equals("ok") && !e.matches("E[A-Z0-9]+"))
            throw new DslError(verb + ": expect must be one of " + String.join(", ", ERRNOS) + ", found '" + e + "'"
                    + Suggest.hint(e, ERRNOS));
        return e;
    }

    private static Prot prot(String s) {
        try {
            return Prot.parse(s);
        } catch (IllegalArgumentException e) {
            throw new DslError("prot must be 'r', 'rw', 'rx' or 'rwx', found '" + s + "'");
        }
    }

    private static List<Integer> sids(String what, NamedArgs n) {
        Object v = n.raw("sid");
        if (v == null) throw new DslError(what + ": missing sid: (its stream ID, e.g. sid: 0x100)");
        List<Integer> out = new ArrayList<>();
        for (Object o : v instanceof Collection<?> c ? c : List.of(v)) {
            long sid = NamedArgs.toLong(what + ": sid", o);
            if (sid < 0 || sid > 0xffff_ffffL) throw new DslError(what + ": sid out of range: " + sid);
            out.add((int) sid);
        }
        return out;
    }

    private static Integer pasidBits(NamedArgs n) {
        Integer v = n.integer("pasidBits");
        return v != null ? v : n.integer("pasid-bits");
    }

    private static boolean tableLevels(NamedArgs n, String key, String alt, boolean dflt) {
        String v = n.string(key, n.string(alt, null));
        if (v == null) return dflt;
        return switch (v) {
            case "two-level" -> true;
            case "linear" -> false;
            default -> throw new DslError("smmu: " + key + " must be 'two-level' or 'linear', found '" + v + "'");
        };
    }

    private static int bits(NamedArgs n, String key, String alt, int dflt, int min, int max) {
        Integer v = n.integer(key);
        if (v == null) v = n.integer(alt);
        if (v == null) return dflt;
        if (v < min || v > max) throw new DslError("smmu: " + key + " must be " + min + ".." + max + ", found " + v);
        return v;
    }

    private static <T> T orElse(T v, T dflt) { return v != null ? v : dflt; }
}
