package org.smmubench.mm;

import org.smmubench.hw.field.Pte;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Kernel;
import org.smmubench.kernel.KernelFunction;

/**
 * The mm-side functions that modelled upstream commits change, as v6.8 has them. A commit
 * subclasses this and overrides the functions it touched; {@link MmWorld} calls each through
 * its {@link org.smmubench.kernel.FunctionTable}.
 */
public class MmFunctions {
    protected final MmWorld mms;
    protected final Kernel k;

    public MmFunctions(MmWorld mms) {
        this.mms = mms;
        this.k = mms.kernel();
    }

    /**
     * flush_tlb_page (arch/arm64/include/asm/tlbflush.h, v6.8): the CPU's TLBI for the page,
     * then, since 6bbd42e2df8f, the secondary TLBs of the mm for the same page.
     */
    @KernelFunction("flush_tlb_page")
    protected void flushTlbPage(Mm mm, long page) {
        try (Frame f = k.enter("flush_tlb_page")) {
            mms.notifySecondaryTlbs(mm, page, page + Pte.PAGE_SIZE);
        }
    }
}
