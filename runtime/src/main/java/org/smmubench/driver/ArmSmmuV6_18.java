package org.smmubench.driver;

import org.smmubench.hw.field.Ste;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.iommu.IommuDomainType;
import org.smmubench.kernel.Frame;

/**
 * arm-smmu-v3.c as v6.18 has it, where it differs from v6.11 on the paths the bench drives:
 * <ul>
 * <li>arm_smmu_attach_commit removes the old domain's entry before ats_enabled changes
 *     (685ca577b408, v6.17-rc2: inherited from {@link ArmSmmuAfter685ca577b408});
 * <li>a PASID is removed through arm_smmu_blocked_domain's set_dev_pasid,
 *     arm_smmu_blocking_set_dev_pasid, which gets the old domain from the core; there is no
 *     remove_dev_pasid op any more (Yi Liu's PASID-replace series, v6.14);
 * <li>no SVA device feature: arm_smmu_ops has no dev_enable_feat/dev_disable_feat, so no
 *     sva_enabled state gates release (cfea71aea921 and 7c8896dd4a2a, v6.16: IOPF is enabled
 *     in arm_smmu_attach_prepare for a domain with an iopf_handler);
 * <li>arm_smmu_release_device WARNs on a live iopf_refcount (not on SVA still enabled) and
 *     puts the STE back through the blocked domain (or the identity one for a device with
 *     require_direct, which the bench has no way to declare).
 * </ul>
 * What stays 6.11-shaped underneath, because it reads the same in the 6.18.y text:
 * arm_smmu_attach_dev (old domain from iommu_get_domain_for_dev, so a device joining a group at
 * probe still gets old == new), attach_prepare's list handling, arm_smmu_set_pasid (it now
 * takes the old domain: the core passes NULL for a fresh attach, as the model does),
 * arm_smmu_update_ste, the identity/blocked attach_dev_ste, install_ste_for_dev.
 *
 * <p>arm_smmu_enable_iopf/disable_iopf (called from attach_prepare and remove_master_domain for
 * an SVA domain) return at once for a master that cannot stall; the bench models no stall or
 * PRI, so every master is such a master and the iopf_refcount stays 0: they are not modelled.
 *
 * <p>Read: atlanticdg/linux-6.18.y arm-smmu-v3.c @ 6c3dcfd01987 (a 6.18.y stable tree:
 * attach_prepare, attach_commit, attach_dev, set_pasid, blocking_set_dev_pasid, attach_dev_ste,
 * identity/blocked attach, release_device, arm_smmu_ops, __arm_smmu_tlb_inv_range). The v6.18
 * tag itself was not readable; the functions modelled here have no stable change after the tag
 * that the search tool's store shows (the 2026 get_update_safe backport only touches the STE
 * writer, which {@link EntryGeneration#V6_18} leaves out).
 */
public class ArmSmmuV6_18 extends ArmSmmuAfter685ca577b408 {
    static final EntryGeneration GEN = EntryGeneration.V6_18;

    public ArmSmmuV6_18(ArmSmmuV3 drv) { super(drv, GEN); }

    @Override
    protected boolean blockedHasSetDevPasid() { return true; }

    /**
     * arm_smmu_blocking_set_dev_pasid: detach {@code old} from the PASID. Under
     * arm_smmu_asid_lock the CD is cleared, the master's ATC flushed at that PASID, and the
     * (master, pasid) entry dropped from the old domain; when no SSID is left in use an
     * IDENTITY or BLOCKED RID domain is attached again, which takes the STE out of CD-table form.
     */
    @Override
    protected int blockingSetDevPasid(IommuDomain blocked, Device dev, int pasid, IommuDomain old) {
        try (Frame f = k.enter("arm_smmu_blocking_set_dev_pasid")) {
            ArmSmmuMaster master = ArmSmmuV3.master(dev);
            drv.asidLock.lock();
            try {
                cds.clearCd(master, pasid);
                if (master.atsEnabled) drv.invCode.atcInvMaster(master, pasid);
                fn("arm_smmu_remove_master_domain").removeMasterDomain(master, old, pasid);
            } finally {
                drv.asidLock.unlock();
            }
            if (!ssidsInUse(master.cdTable)) {
                IommuDomain sid = drv.core().iommuGetDomainForDev(dev);
                if (sid != null && (sid.type == IommuDomainType.IDENTITY || sid.type == IommuDomainType.BLOCKED))
                    sid.ops.attachDev(sid, dev);
            }
            return 0;
        }
    }

    /** There is no remove_dev_pasid op in v6.18: the core removes a PASID through the blocked domain. */
    @Override
    protected void removeDevPasid(Device dev, int pasid) {
        throw new IllegalStateException("arm_smmu_remove_dev_pasid does not exist in v6.18 (arm_smmu_blocking_set_dev_pasid replaced it)");
    }

    /**
     * arm_smmu_release_device (v6.18): the STE goes back to abort through the blocked domain's
     * attach (a CD-table STE with S1DSS=TERMINATE while PASIDs are still in use), which also
     * takes the master off its RID domain's list; then the master goes. Its WARN_ON of a live
     * iopf_refcount cannot fire here (see the class comment), and there is no SVA feature left
     * to be still enabled.
     */
    @Override
    protected void releaseDevice(Device dev) {
        try (Frame f = k.enter("arm_smmu_release_device")) {
            ArmSmmuMaster master = ArmSmmuV3.master(dev);
            try (Frame g = k.enter("arm_smmu_attach_dev_blocked")) {
                attachDevSte(null, master, abortSte(), Ste.S1DSS_TERMINATE);
            }
            master.domain = null;
            StrtabCode.removeMaster(k, master);
            if (master.cdTable.cdtab != null) drv.cdCode.freeCdTables(master);
            master.live = false;
            dev.iommuPriv = null;
            k.kfree(master);
        }
    }
}
