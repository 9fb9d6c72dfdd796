package org.smmubench.dsl.script;

import java.util.List;
import java.util.Optional;

/**
 * The statements of the scenario language (docs/format.md, Groovy section) as data: their usage line,
 * what each positional argument names, and their named keys. One catalogue feeds the
 * error messages, the REPL's {@code help} and its tab completion, so they cannot drift.
 */
public final class Verbs {
    /** What a positional argument or a named value refers to (drives completion). */
    public enum Arg { DEVICE, PROCESS, NEW_NAME, DRIVER, SITE, TEXT }

    public record Verb(String name, String usage, String summary, List<Arg> positional, List<String> keys) {}

    private static final List<Verb> ALL = List.of(
            new Verb("scenario", "scenario 'NAME'", "names the scenario; in a file, starts the next one",
                    List.of(Arg.TEXT), List.of()),
            new Verb("description", "description 'TEXT'", "free text kept with the scenario",
                    List.of(Arg.TEXT), List.of()),
            new Verb("driver", "driver 'ID'[, 'ID'...]", "the kernel trees to run on (" + String.join(", ", org.smmubench.driver.tree.DriverVariants.names()) + "; `smmu-bench drivers` lists the commits)",
                    List.of(Arg.DRIVER, Arg.DRIVER, Arg.DRIVER), List.of()),
            new Verb("tags", "tags 'TAG'[, 'TAG'...]", "tags for run --tags (kept when the session is saved)",
                    List.of(Arg.TEXT, Arg.TEXT, Arg.TEXT), List.of()),
            new Verb("smmu", "smmu cdTable: 'two-level'|'linear', streamTable: ..., ssidBits: 20, sidBits: 16, asidBits: 16, ats: false, stall: false, rangeInv: false",
                    "what the SMMUv3 advertises (before the first device)", List.of(),
                    List.of("cdTable", "streamTable", "ssidBits", "sidBits", "asidBits", "ats", "stall", "rangeInv")),
            new Verb("pci", "pci 'NAME', sid: 0x100[, pasidBits: 20, ats: false, sva: true, defaultDomain: 'dma'|'identity']",
                    "a PCI device (an iommu_group of its own)", List.of(Arg.NEW_NAME),
                    List.of("sid", "pasidBits", "ats", "sva", "defaultDomain")),
            new Verb("platform", "platform 'NAME', sid: 0x10[, group: 'G', pasidBits: 20, sva: true, defaultDomain: 'dma'|'identity']",
                    "a platform device; the same group name means the same iommu_group", List.of(Arg.NEW_NAME),
                    List.of("sid", "group", "pasidBits", "sva", "defaultDomain")),
            new Verb("process", "process 'NAME'[, pasid: 1024, asid: 7, mappings: [[va: 0x400000, size: 0x10000, prot: 'rw']]]",
                    "a process (an mm) with its mappings", List.of(Arg.NEW_NAME),
                    List.of("pasid", "asid", "mappings")),
            new Verb("bind", "bind 'DEVICE', 'PROCESS'[, expect: 'ok'|'ENOMEM'|...]",
                    "iommu_sva_bind_device", List.of(Arg.DEVICE, Arg.PROCESS), List.of("expect")),
            new Verb("unbind", "unbind 'DEVICE', 'PROCESS'[, expect: 'ok'|...]",
                    "iommu_sva_unbind_device", List.of(Arg.DEVICE, Arg.PROCESS), List.of("expect")),
            new Verb("attach", "attach 'DEVICE', 'DOMAIN'[, expect: 'ok'|'EBUSY'|...]",
                    "iommu_attach_group to an unmanaged domain (allocated on first use)", List.of(Arg.DEVICE, Arg.NEW_NAME), List.of("expect")),
            new Verb("dma", "dma 'DEVICE', 'PROCESS', va: 0x400000, access: 'read'|'write'[, expect: 'ok'|'fault'|'EVENT']   (or pasid: N instead of 'PROCESS')",
                    "one DMA transaction from the device", List.of(Arg.DEVICE, Arg.PROCESS),
                    List.of("va", "access", "pasid", "expect")),
            new Verb("map", "map 'PROCESS', va: 0x800000, size: 0x1000, prot: 'r'|'rw'|'rx'|'rwx'",
                    "mmap in the process", List.of(Arg.PROCESS), List.of("va", "size", "prot")),
            new Verb("unmap", "unmap 'PROCESS', va: 0x400000, size: 0x1000",
                    "munmap in the process (reaches the SMMU through the notifier)", List.of(Arg.PROCESS),
                    List.of("va", "size")),
            new Verb("cpuWrite", "cpuWrite 'PROCESS', va: 0x400000",
                    "the CPU writes; a read-only page is upgraded in place (write fault, flush_tlb_page)", List.of(Arg.PROCESS),
                    List.of("va")),
            new Verb("exit", "exit 'PROCESS'", "the process exits (mm teardown, notifier release)",
                    List.of(Arg.PROCESS), List.of()),
            new Verb("fail", "fail 'SITE'[, nth: 1, device: 'DEVICE']", "the nth next hit of a failure site fails",
                    List.of(Arg.SITE), List.of("nth", "device")),
            new Verb("parallel", "parallel { STEPS } { STEPS }[ { STEPS }...]",
                    "branches run at once, each by its own kernel task; run tries every interleaving within two preemptions",
                    List.of(), List.of()),
            new Verb("expect", "expect ['DRIVER',] violations: ['atomic-sleep', ...]",
                    "the exact set of invariants violated in the whole run (per driver or for all)",
                    List.of(Arg.DRIVER), List.of("violations")));

    private Verbs() {}

    public static List<Verb> all() { return ALL; }

    public static Optional<Verb> find(String name) {
        return ALL.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    public static List<String> names() { return ALL.stream().map(Verb::name).toList(); }

    /** The known verb closest to a typo (edit distance at most 2), for "did you mean". */
    public static Optional<String> closest(String typo) {
        return Suggest.closest(typo, names());
    }
}
