package org.smmubench.mm;

import org.smmubench.kernel.Frame;

/**
 * __mmput and __mmdrop as before 2667ed10d9f0 ("mm: Fix PASID use-after-free issue", v5.18):
 * mm_pasid_drop runs when the address space goes, in __mmput, although the iommu side pins
 * only the struct (mmgrab), so the PASID returns to the allocator while a device still has
 * it. Installed by reverting 2667ed10d9f0 from v6.8: a v6.8 analogue, since the 5.18 code
 * around it (ioasid, the per-driver PASID handling) is not what v6.8 has.
 */
public final class MmBefore2667ed10d9f0 extends MmFunctions {
    public MmBefore2667ed10d9f0(MmWorld world) {
        super(world);
    }

    /** __mmput (before 2667ed10d9f0): exit_mmap, then mm_pasid_drop, then mmdrop. */
    @Override
    protected void mmput(Mm mm) {
        try (Frame f = k.enter("__mmput")) {
            world.exitMmap(mm);
            world.mmPasidDrop(mm);
            mm.mmdrop();
        }
    }

    /** __mmdrop (before 2667ed10d9f0): no PASID left to drop. */
    @Override
    protected void mmdrop(Mm mm) {
        try (Frame f = k.enter("__mmdrop")) {
            world.freeMmStruct(mm);
        }
    }
}
