package org.smmubench.check;

import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.sva.ArmSmmuSva;
import org.smmubench.hw.PhysMemory;
import org.smmubench.hw.Smmu;
import org.smmubench.iommu.IommuCore;
import org.smmubench.kernel.Kernel;
import org.smmubench.mm.MmWorld;

/**
 * Everything one bench models, for the invariants: both sides, since checking that the
 * software's beliefs match what the hardware does is their job (architecture.md).
 */
public final class World {
    public final Kernel kernel;
    public final PhysMemory mem;
    public final Smmu hw;
    public final ArmSmmuV3 driver;
    public final ArmSmmuSva sva;
    public final IommuCore core;
    public final MmWorld mms;
    /** The step being run (1-based; 0 while the topology is set up, -1 during teardown). */
    private int step;
    /** Counts beginnings of steps, set-up ones included (which all have step number 0). */
    private long serial;

    public World(Kernel kernel, PhysMemory mem, Smmu hw, ArmSmmuV3 driver, ArmSmmuSva sva, IommuCore core, MmWorld mms) {
        this.kernel = kernel;
        this.mem = mem;
        this.hw = hw;
        this.driver = driver;
        this.sva = sva;
        this.core = core;
        this.mms = mms;
    }

    /** Per-bench helpers invariants share (indexes, caches), created on first use. */
    private final java.util.Map<Class<?>, Object> shared = new java.util.HashMap<>();

    public <T> T shared(Class<T> type, java.util.function.Supplier<T> create) {
        Object o = shared.get(type);
        // Asked for on every memory store: look up first, build (and capture) only once.
        return type.cast(o != null ? o : shared.computeIfAbsent(type, t -> create.get()));
    }

    /**
     * Binds minus unbinds of each SVA handle, as the callers of iommu_sva_bind_device and
     * iommu_sva_unbind_device (the bench's device drivers) count them, in first-bind order:
     * the truth sva-handle-refs holds the core's own count against.
     */
    private final java.util.Map<org.smmubench.iommu.IommuSva, Integer> handleBinds = new java.util.LinkedHashMap<>();

    /** A device driver got {@code h} back from a successful bind. */
    public void handleBound(org.smmubench.iommu.IommuSva h) {
        handleBinds.merge(h, 1, Integer::sum);
        handleChanges.add(h);
    }

    /** A device driver passed {@code h} to unbind. */
    public void handleUnbound(org.smmubench.iommu.IommuSva h) {
        handleBinds.merge(h, -1, Integer::sum);
        handleChanges.add(h);
    }

    /** Every handle whose count changed, one entry per change, in order: incremental checks read from where they left off. */
    private final java.util.List<org.smmubench.iommu.IommuSva> handleChanges = new java.util.ArrayList<>();

    /** The handles whose binds minus unbinds changed, from change number {@code from} on (see {@link #handleChangeCount()}). */
    public java.util.List<org.smmubench.iommu.IommuSva> handleChangesSince(int from) {
        return java.util.Collections.unmodifiableList(handleChanges.subList(from, handleChanges.size()));
    }

    public int handleChangeCount() { return handleChanges.size(); }

    /** Every handle a bind returned, with its binds minus unbinds. */
    public java.util.Map<org.smmubench.iommu.IommuSva, Integer> handleBinds() { return java.util.Collections.unmodifiableMap(handleBinds); }

    public int step() { return step; }

    /** True while the after-step checks run: nothing changes the machine, so they may share walks. */
    private boolean frozen;

    public boolean frozen() { return frozen; }

    /** Set by the bench around the after-step checks only. */
    public void setFrozen(boolean frozen) { this.frozen = frozen; }

    public void setStep(int step) {
        this.step = step;
        serial++;
    }

    /** Distinct for every step, set-up and teardown included: lets a checker do its step-end work once per step. */
    public long stepSerial() { return serial; }
}
