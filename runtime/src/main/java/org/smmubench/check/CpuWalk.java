package org.smmubench.check;

import java.util.Optional;
import java.util.OptionalLong;

import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.mm.Mm;
import org.smmubench.mm.Prot;

/**
 * What the software says a device address should translate to: the mm of the SVA domain at
 * pasid_array[p] of the device's group, walked by the CPU's own view of its page tables.
 * The invariants compare the SMMU's results and caches with this.
 */
final class CpuWalk {
    private CpuWalk() {}

    /** One page as the CPU maps it. */
    record Page(long pa, boolean writable) {}

    /** The mm the core has bound at this PASID of the device's group, or null. */
    static Mm boundMm(Device dev, int pasid) {
        if (dev == null || dev.group == null) return null;
        IommuDomain d = dev.group.pasidArray.get(pasid);
        return d == null ? null : d.mm;
    }

    /** The mm's translation of {@code va} now; empty when unmapped or the address space is gone. */
    static Optional<Page> walk(Mm mm, long va) {
        if (mm == null || mm.freed() || mm.exited()) return Optional.empty();
        OptionalLong pa = mm.translate(va);
        if (pa.isEmpty()) return Optional.empty();
        Prot p = mm.protAt(va);
        return Optional.of(new Page(pa.getAsLong(), p != null && p.write));
    }

    /** Why nothing should translate for (device, pasid), or null when an mm is bound and alive. */
    static String notLive(Device dev, Integer pasid) {
        if (pasid == null) return "without a PASID the RID DMA domain is used, whose page tables map nothing";
        Mm mm = boundMm(dev, pasid);
        if (mm == null) return "PASID " + HwText.hex(pasid) + " is not bound in the group of " + dev.name();
        if (mm.freed() || mm.exited()) return mm.name() + ", bound at PASID " + HwText.hex(pasid) + ", has exited";
        return null;
    }
}
