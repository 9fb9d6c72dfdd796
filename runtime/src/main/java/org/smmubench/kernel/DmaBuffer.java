package org.smmubench.kernel;

/**
 * A DMA-coherent buffer: {@code dma} is the bus (= physical, no IOMMU in front of the
 * SMMU's own tables) address in PhysMemory, {@code size} its length in bytes.
 * Tracked by identity, so a later buffer at the same address is a different allocation.
 */
public record DmaBuffer(long dma, long size) {
    @Override
    public String toString() {
        return "DmaBuffer[dma=0x" + Long.toHexString(dma) + ", size=0x" + Long.toHexString(size) + "]";
    }
}
