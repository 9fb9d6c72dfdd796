package org.smmubench.explore;

/**
 * How often the generator leaves the common system, in percent, and how fast scenarios grow.
 * One home for every rate, so a reader can judge the mix without reading the generator.
 *
 * <p>The mix follows what SVA users run: an SMMU that can share CPU ASIDs (16-bit ASIDs, a
 * two-level CD table), PCI devices that take PASIDs, and drivers that bind a process only
 * after enabling SVA on the device (iommu_dev_enable_feature), which fails where the SMMU or
 * the device cannot do it. Everything else is an edge case, drawn at a stated rate rather
 * than never: a driver that binds anyway, a PASID-less device, an IDENTITY default domain, a
 * failed allocation. Edge cases stay cheap to reach (a few percent of a hundred runs is
 * several scenarios), but no longer drown the common path: with a fifth of the SMMUs unable to
 * do SVA, the first finding of most seeds was the WARN that v6.8 raises after every failed
 * bind, which hid whatever the ordinary bind path had to show.
 */
final class Rates {
    private Rates() {}

    // ---- the SMMU

    /** Edge: an SMMU with 8-bit ASIDs. It cannot share a 16-bit CPU ASID, so SVA cannot be enabled on it. */
    static final int SMMU_8BIT_ASIDS = 5;
    /** Edge: no two-level CD table (ARM_SMMU_FEAT_2_LVL_CDTAB), so a linear table of at most 1024 CDs. */
    static final int LINEAR_CD_TABLE = 25;
    /** A linear stream table. */
    static final int LINEAR_STREAM_TABLE = 20;
    static final int SMMU_ATS = 30;
    static final int SMMU_STALL = 20;
    static final int SMMU_RANGE_INV = 40;

    // ---- devices

    static final int PLATFORM_DEVICE = 30;
    static final int TWO_STREAM_IDS = 10;
    /** A device with its own PASID width, narrower than the SMMU's (one that takes PASIDs). */
    static final int OWN_PASID_WIDTH = 35;
    /** Edge: a device that takes no PASID at all ({@code pasid-bits: 0}). */
    static final int NO_PASID_DEVICE = 5;
    /** Edge: a device that does not support SVA (no PRI/stall, no IOPF): enabling SVA fails. */
    static final int NO_SVA_DEVICE = 5;
    /** Edge: a device whose default domain is IDENTITY (iommu.passthrough=1 or the group's sysfs type). */
    static final int IDENTITY_DOMAIN = 5;
    static final int PCI_ATS = 40;
    static final int PLATFORM_GROUPED = 60;

    // ---- processes

    static final int PROCESS_PASID = 70;
    static final int PROCESS_ASID = 40;

    // ---- steps (weights out of 100; they add up to 100)

    static final int STEP_BIND = 30;
    static final int STEP_UNBIND = 14;
    static final int STEP_DMA = 22;
    static final int STEP_MAP = 7;
    static final int STEP_UNMAP = 10;
    static final int STEP_EXIT = 5;
    /** A CPU write: on a read-only page, the write fault that upgrades the PTE in place. */
    static final int STEP_CPU_WRITE = 7;
    /** Edge: fault injection, the next hits of one failure site fail. */
    static final int STEP_FAIL = 5;

    /** Edge: a bind to a device that cannot do SVA, by a driver that did not check (else to one that can, if any). */
    static final int BIND_TO_UNABLE_DEVICE = 5;
    /** A CPU write aims at a read-only mapping when the process has one (the PTE upgrade is the interesting write). */
    static final int CPU_WRITE_READ_ONLY = 75;

    // ---- size

    /**
     * Scenarios grow with the run index, as QuickCheck's {@code sized} generators do, over the
     * first {@code GROWTH_RUNS} runs of a seed. Growing bounds both how big a scenario may be
     * (at run 0 one step, one device and one process; the maxima from this run on) and how far
     * it may depart from the common system: each edge rate above that is marked as such (an SMMU
     * or device that cannot do SVA, a linear CD table, a PASID-less device, an IDENTITY domain,
     * a bind to a device that cannot do SVA, fault injection) starts at 0 and reaches its stated
     * value here. Values keep aiming at the edges from run 0 (PASIDs at CD-leaf boundaries).
     *
     * <p>Why: most bugs show in small cases (the small-scope hypothesis), and a small case on
     * the common system is both the quickest to find and the closest to what the shrinker
     * returns; edge cases need, and get, the larger runs that follow. Reproducibility is kept:
     * run {@code i}'s size depends on {@code i} alone.
     */
    static final int GROWTH_RUNS = 32;
}
