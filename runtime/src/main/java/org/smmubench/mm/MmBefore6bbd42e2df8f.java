package org.smmubench.mm;

import org.smmubench.kernel.Frame;

/**
 * flush_tlb_page before 6bbd42e2df8f ("mmu_notifiers: call invalidate_range() when
 * invalidating TLBs", v6.6-rc1): only the CPU's TLBI. Secondary TLBs were told from the generic
 * mm paths instead (ptep_clear_flush_notify, mmu_notifier_invalidate_range_end), which a
 * permission upgrade through ptep_set_access_flags never goes through, so an SMMU keeps the
 * read-only entry it cached. Installed by reverting 6bbd42e2df8f from v6.8. The bench models
 * only this function's change: the commit also moved the notification of range flushes into
 * the arch code, and the model's munmap path, which notifies either way, is left as v6.8 has it.
 */
public final class MmBefore6bbd42e2df8f extends MmFunctions {
    public MmBefore6bbd42e2df8f(MmWorld mms) {
        super(mms);
    }

    @Override
    protected void flushTlbPage(Mm mm, long page) {
        try (Frame f = k.enter("flush_tlb_page")) {
            // The CPU TLBI only; the model has no CPU TLB to invalidate.
        }
    }
}
