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
        return type.cast(shared.computeIfAbsent(type, t -> create.get()));
    }

    public int step() { return step; }

    public void setStep(int step) { this.step = step; }
}
