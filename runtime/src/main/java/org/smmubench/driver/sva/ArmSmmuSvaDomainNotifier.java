package org.smmubench.driver.sva;

import org.smmubench.driver.ArmSmmuDomain;
import org.smmubench.mm.Mm;
import org.smmubench.mm.MmuNotifier;

/**
 * smmu_domain->mmu_notifier (6.11+, d38c28db): the notifier embedded in an SVA arm_smmu_domain,
 * one per SVA domain. Its ops are arm_smmu_mmu_notifier_ops of the tree's SVA file; freeing it
 * frees the whole domain.
 */
public final class ArmSmmuSvaDomainNotifier extends MmuNotifier {
    public final ArmSmmuDomain domain;
    private final ArmSmmuSva sva;

    ArmSmmuSvaDomainNotifier(ArmSmmuSva sva, ArmSmmuDomain domain) {
        this.sva = sva;
        this.domain = domain;
    }

    private SvaV6_11 fn(String kernelFunction) { return (SvaV6_11) sva.functions().get(kernelFunction); }

    @Override
    public void release(Mm mm) { fn("arm_smmu_mm_release").mmRelease(domain, mm); }

    @Override
    public void archInvalidateSecondaryTlbs(Mm mm, long start, long end) {
        fn("arm_smmu_mm_arch_invalidate_secondary_tlbs").mmArchInvalidateSecondaryTlbs(domain, mm, start, end);
    }

    @Override
    public void freeNotifier() { fn("arm_smmu_mmu_notifier_free").mmuNotifierFree(domain); }

    @Override
    public String toString() { return "smmu_domain->mmu_notifier(" + (mm() != null ? mm().name() : "?") + ", domain #" + domain.id() + ")"; }
}
