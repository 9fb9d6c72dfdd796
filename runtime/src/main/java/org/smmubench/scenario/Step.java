package org.smmubench.scenario;

import org.smmubench.kernel.Hex;

import org.smmubench.mm.Prot;

/**
 * One step of a scenario (docs/format.md {@code steps:}). Every front-end (YAML, Groovy,
 * Gherkin, REPL) produces these; the bench executes them. {@code text()} is the short form
 * used in reports ("bind nic0 proc1").
 */
public sealed interface Step {
    SourcePos pos();

    String text();

    /**
     * The result a step expects on one tree: {@code byTree} holds the trees whose result
     * differs (canonical tree names), {@code expect} the result on every other tree.
     */
    static String expectOn(String driver, String expect, java.util.Map<String, String> byTree) {
        return byTree.getOrDefault(driver, expect);
    }

    /**
     * {@code expect}: "ok" or an errno name (ENOMEM, ...), on every tree but those in
     * {@code expectByTree} (canonical tree name to result), when the trees differ.
     */
    record Bind(String device, String process, String expect, java.util.Map<String, String> expectByTree, SourcePos pos) implements Step {
        public Bind {
            expectByTree = java.util.Map.copyOf(expectByTree);
        }

        public Bind(String device, String process, String expect, SourcePos pos) { this(device, process, expect, java.util.Map.of(), pos); }

        public String text() { return "bind " + device + " " + process; }

        /** The result expected on {@code driver} (a canonical tree name). */
        public String expectOn(String driver) { return Step.expectOn(driver, expect, expectByTree); }
    }

    record Unbind(String device, String process, String expect, java.util.Map<String, String> expectByTree, SourcePos pos) implements Step {
        public Unbind {
            expectByTree = java.util.Map.copyOf(expectByTree);
        }

        public Unbind(String device, String process, String expect, SourcePos pos) { this(device, process, expect, java.util.Map.of(), pos); }

        public String text() { return "unbind " + device + " " + process; }

        /** The result expected on {@code driver} (a canonical tree name). */
        public String expectOn(String driver) { return Step.expectOn(driver, expect, expectByTree); }
    }

    /**
     * A DMA from {@code device}. PASID from {@code process} (its PASID) or the literal
     * {@code pasid}; both null means a transaction without a PASID (RID traffic).
     * {@code expect}: null (not checked), "ok", "fault", or an event name; per tree in
     * {@code expectByTree} where the trees differ.
     */
    record Dma(String device, String process, Long pasid, long va, Access access, String expect,
               java.util.Map<String, String> expectByTree, SourcePos pos) implements Step {
        public Dma {
            expectByTree = java.util.Map.copyOf(expectByTree);
        }

        public Dma(String device, String process, Long pasid, long va, Access access, String expect, SourcePos pos) {
            this(device, process, pasid, va, access, expect, java.util.Map.of(), pos);
        }

        /** The result expected on {@code driver} (a canonical tree name), or null when not checked. */
        public String expectOn(String driver) { return Step.expectOn(driver, expect, expectByTree); }

        public String text() {
            String who = process != null ? process : pasid != null ? "pasid " + Hex.of(pasid) : "no-pasid";
            return "dma " + device + " " + who + " " + access.yamlName() + " " + Hex.of(va);
        }
    }

    /**
     * The device's group changes its RID domain to the unmanaged paging domain {@code domain}
     * (iommu_attach_group, as VFIO does), which the first attach naming it allocates.
     * {@code expect}: "ok" or an errno name, per tree in {@code expectByTree} where they differ.
     */
    record Attach(String device, String domain, String expect, java.util.Map<String, String> expectByTree, SourcePos pos) implements Step {
        /** The domain name that means the group's blocking domain (a DMA-ownership claim, as VFIO makes). */
        public static final String BLOCKED = "blocked";

        public Attach {
            expectByTree = java.util.Map.copyOf(expectByTree);
        }

        public Attach(String device, String domain, String expect, SourcePos pos) { this(device, domain, expect, java.util.Map.of(), pos); }

        public String text() { return "attach " + device + " " + domain; }

        /** The result expected on {@code driver} (a canonical tree name). */
        public String expectOn(String driver) { return Step.expectOn(driver, expect, expectByTree); }
    }

    record Map(String process, long va, long size, Prot prot, SourcePos pos) implements Step {
        public String text() { return "map " + process + " " + Hex.of(va) + " " + Hex.of(size) + " " + prot.yamlName(); }
    }

    record Unmap(String process, long va, long size, SourcePos pos) implements Step {
        public String text() { return "unmap " + process + " " + Hex.of(va) + " " + Hex.of(size); }
    }

    /**
     * The process's CPU writes at {@code va}. A page mapped read-only stands for a
     * write-protected PTE of a writable VMA: the write fault upgrades it in place
     * (ptep_set_access_flags + flush_tlb_page).
     */
    record CpuWrite(String process, long va, SourcePos pos) implements Step {
        public String text() { return "cpu-write " + process + " " + Hex.of(va); }
    }

    /** The {@code nth} next hit of {@code site} (only hits on {@code device}'s behalf, if given) fails. */
    record Fail(String site, int nth, String device, SourcePos pos) implements Step {
        public String text() { return "fail " + site + (nth != 1 ? " nth " + nth : "") + (device != null ? " device " + device : ""); }
    }

    record Exit(String process, SourcePos pos) implements Step {
        public String text() { return "exit " + process; }
    }

    /**
     * Branches run concurrently, each by its own kernel task; the bench runs every
     * interleaving within its preemption bound, or only {@code schedule} when the scenario
     * pins one (null otherwise). Branches hold no {@code Parallel} step.
     */
    record Parallel(java.util.List<java.util.List<Step>> branches, org.smmubench.kernel.sched.Schedule schedule,
                    SourcePos pos) implements Step {
        public Parallel {
            branches = branches.stream().map(java.util.List::copyOf).toList();
        }

        public String text() {
            java.util.StringJoiner j = new java.util.StringJoiner(" | ", "parallel [", "]");
            for (java.util.List<Step> b : branches) j.add(String.join("; ", b.stream().map(Step::text).toList()));
            return j.toString();
        }
    }
}
