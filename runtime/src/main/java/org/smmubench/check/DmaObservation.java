package org.smmubench.check;

import org.smmubench.hw.DmaResult;
import org.smmubench.iommu.Device;

/**
 * One DMA the bench issued on a device's behalf, with what the hardware did. {@code pasid}
 * is null for a transaction without a PASID.
 */
public record DmaObservation(Device device, Integer pasid, long va, boolean write, DmaResult result) {}
