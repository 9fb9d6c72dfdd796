package org.smmubench.kernel;

import java.util.List;

/**
 * One tracked allocation.
 *
 * @param id        allocation order, for deterministic listings
 * @param allocator the kernel allocator ("kzalloc", "dmam_alloc_coherent", ...)
 * @param site      the failure-injection site name given by the caller, or null
 * @param device    the device on whose behalf it was allocated, or null
 * @param caller    the modelled kernel function that called the allocator
 * @param size      bytes for DMA buffers, element count for kcalloc, 1 for kzalloc
 * @param managed   devm_/dmam_: released with the device, not by an explicit free
 * @param backtrace call trace at allocation, innermost first (the allocator first)
 * @param object    the allocated object (a DmaBuffer for DMA allocations)
 */
public record Allocation(long id, String allocator, String site, String device, String caller,
                         long size, boolean managed, List<String> backtrace, Object object) {
    public Allocation {
        backtrace = Backtrace.keep(backtrace);
    }

    /** "kzalloc (kzalloc.bond) in __arm_smmu_sva_bind" — for leak and free reports. */
    public String describe() {
        String what = object instanceof DmaBuffer b ? b.toString() : object.getClass().getSimpleName();
        return allocator + (site == null ? "" : " (" + site + ")") + " of " + what + " in " + caller;
    }
}
