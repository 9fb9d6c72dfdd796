package org.smmubench.driver;

import org.smmubench.kernel.Frame;

/**
 * arm_smmu_attach_commit as 685ca577b408 ("iommu/arm-smmu-v3: Fix smmu_domain->nr_ats_masters
 * decrement", v6.17-rc2) left it: the old domain's (master, ssid) entry is removed while
 * master->ats_enabled still says whether that domain counted the master, and only then does
 * ats_enabled take the new value. Read in maade93791/kernel_common-6.12 @ 0c10203ea93f, which
 * carries the fix as a stable backport.
 */
public class ArmSmmuAfter685ca577b408 extends ArmSmmuV6_11 {
    public ArmSmmuAfter685ca577b408(ArmSmmuV3 drv) { super(drv); }

    /** A release that contains the fix (v6.18), on its own entry-writer generation. */
    protected ArmSmmuAfter685ca577b408(ArmSmmuV3 drv, EntryGeneration gen) { super(drv, gen); }

    @Override
    protected void attachCommit(AttachState state) {
        try (Frame f = k.enter("arm_smmu_attach_commit")) {
            flushAtsForCommit(state);
            fn("arm_smmu_remove_master_domain").removeMasterDomain(state.master, state.oldDomain, state.ssid);
            state.master.atsEnabled = state.atsEnabled;
        }
    }
}
