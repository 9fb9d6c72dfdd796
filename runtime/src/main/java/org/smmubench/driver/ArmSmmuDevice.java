package org.smmubench.driver;

import java.util.EnumSet;
import java.util.TreeMap;

import org.smmubench.hw.PhysMemory;
import org.smmubench.hw.Smmu;
import org.smmubench.kernel.Kernel;
import org.smmubench.kernel.Mutex;

/**
 * struct arm_smmu_device: one SMMUv3 instance as the driver knows it. The driver reaches the
 * hardware only through registers, DMA memory and the command queue.
 */
public final class ArmSmmuDevice {
    /** The name allocations made for the SMMU itself are charged to (devm/dmam of smmu->dev). */
    public static final String DEV_NAME = "arm-smmu-v3";

    final Kernel k;
    private final Smmu regs;
    public final PhysMemory mem;
    public final EnumSet<Feature> features = EnumSet.noneOf(Feature.class);
    public int asidBits;
    public int ssidBits;
    public int sidBits;
    public int oasBits;
    public final StrtabCfg strtabCfg = new StrtabCfg();
    public ArmSmmuCmdq cmdq;
    /** The event queue ring and the driver's consumer index (arm_smmu_evtq_thread). */
    public org.smmubench.kernel.DmaBuffer evtq;
    public int evtqCons;
    /** smmu->streams, keyed by StreamID, protected by streams_mutex. */
    public final TreeMap<Integer, ArmSmmuStream> streams = new TreeMap<>();
    public final Mutex streamsMutex;

    public ArmSmmuDevice(Kernel k, Smmu regs) {
        this.k = k;
        this.regs = regs;
        this.mem = regs.memory();
        this.streamsMutex = k.mutex("&smmu->streams_mutex");
    }

    public boolean has(Feature f) { return features.contains(f); }

    public int readReg32(int off) { return regs.readReg32(off); }

    public void writeReg32(int off, int v) { regs.writeReg32(off, v); }

    public void writeReg64(int off, long v) { regs.writeReg64(off, v); }

    /** IOMMU max_pasids (the core caps every device by it). */
    public int maxPasids() { return 1 << ssidBits; }

}
