package org.smmubench.driver.sva;

import org.smmubench.mm.Mm;

/** struct arm_smmu_bond (6.8): one per (master, mm); no refcount, no master pointer. */
public final class ArmSmmuBond {
    public Mm mm;
    public ArmSmmuMmuNotifier smmuMn;
}
