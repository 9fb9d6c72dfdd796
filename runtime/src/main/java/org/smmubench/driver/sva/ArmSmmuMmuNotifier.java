package org.smmubench.driver.sva;

import org.smmubench.driver.ArmSmmuDomain;
import org.smmubench.driver.CtxDesc;
import org.smmubench.mm.Mm;
import org.smmubench.mm.MmuNotifier;

/**
 * struct arm_smmu_mmu_notifier: one per (RID smmu_domain, mm), holding the shared CD. Its ops
 * call back into the variant's SVA code.
 */
public final class ArmSmmuMmuNotifier extends MmuNotifier {
    public CtxDesc cd;
    public boolean cleared;
    public int refs;
    public ArmSmmuDomain domain;
    private final ArmSmmuSva sva;

    ArmSmmuMmuNotifier(ArmSmmuSva sva) { this.sva = sva; }

    @Override
    public void release(Mm mm) { sva.mmRelease(this, mm); }

    @Override
    public void archInvalidateSecondaryTlbs(Mm mm, long start, long end) {
        sva.mmArchInvalidateSecondaryTlbs(this, mm, start, end);
    }

    @Override
    public void freeNotifier() { sva.mmuNotifierFree(this); }

    @Override
    public String toString() { return "arm_smmu_mmu_notifier(" + (mm() != null ? mm().name() : "?") + ", domain #" + domain.id() + ")"; }
}
