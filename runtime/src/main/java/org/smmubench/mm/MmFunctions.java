package org.smmubench.mm;

import org.smmubench.hw.field.Pte;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Kernel;
import org.smmubench.kernel.KernelFunction;

/**
 * The mm-side functions that modelled upstream commits change (kernel/fork.c and arm64's
 * tlbflush.h), as v6.8 released them. A commit subclasses this and overrides the functions it
 * touched; {@link MmWorld} calls each through its {@link org.smmubench.kernel.FunctionTable}.
 */
public class MmFunctions {
    protected final MmWorld world;
    protected final Kernel k;

    public MmFunctions(MmWorld world) {
        this.world = world;
        this.k = world.kernel();
    }

    /**
     * __mmput (v6.8): the address space goes (exit_mmap), then mm_users' reference on the
     * struct. The PASID stays: a device may still have it programmed until its driver unbinds.
     */
    @KernelFunction("__mmput")
    protected void mmput(Mm mm) {
        try (Frame f = k.enter("__mmput")) {
            world.exitMmap(mm);
            mm.mmdrop();
        }
    }

    /**
     * __mmdrop (v6.8): the last reference on the struct; mm_pasid_drop returns the PASID here
     * (since 2667ed10d9f0), then the pgd and the struct go.
     */
    @KernelFunction("__mmdrop")
    protected void mmdrop(Mm mm) {
        try (Frame f = k.enter("__mmdrop")) {
            world.mmPasidDrop(mm);
            world.freeMmStruct(mm);
        }
    }

    /**
     * flush_tlb_page (arch/arm64/include/asm/tlbflush.h, v6.8): the CPU's TLBI for the page,
     * then, since 6bbd42e2df8f, the secondary TLBs of the mm for the same page.
     */
    @KernelFunction("flush_tlb_page")
    protected void flushTlbPage(Mm mm, long page) {
        try (Frame f = k.enter("flush_tlb_page")) {
            world.notifySecondaryTlbs(mm, page, page + Pte.PAGE_SIZE);
        }
    }
}
