package org.smmubench.driver;

/**
 * struct arm_smmu_master_domain (6.11, ad10dce6 and 64efb3de): one entry of a domain's devices
 * list, allocated by arm_smmu_attach_prepare before devices_lock is taken. A master is on a
 * domain once per SSID it is attached at (its RID at 0, an SVA PASID at the mm's PASID).
 */
public final class ArmSmmuMasterDomain {
    public final ArmSmmuMaster master;
    public final int ssid;

    public ArmSmmuMasterDomain(ArmSmmuMaster master, int ssid) {
        this.master = master;
        this.ssid = ssid;
    }

    @Override
    public String toString() { return master.dev.name() + "@" + ssid; }
}
