package org.smmubench.driver;

import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.iommu.IommuDomainType;
import org.smmubench.kernel.ErrPtr;
import org.smmubench.kernel.Errno;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Kernel;
import org.smmubench.kernel.KernelFunction;

/**
 * The functions of arm-smmu-v3.c that later releases change, as v6.8 has them: attach
 * detaches first (STE through abort/bypass, CD 0 cleared), writes CD 0 with
 * arm_smmu_write_ctx_desc and the STE with arm_smmu_write_strtab_ent. A release or commit
 * subclasses this and overrides the functions it changed; {@link ArmSmmuV3} calls each through
 * its {@link org.smmubench.kernel.FunctionTable}.
 */
public class ArmSmmuFunctions {
    protected final ArmSmmuV3 drv;
    protected final Kernel k;

    public ArmSmmuFunctions(ArmSmmuV3 drv) {
        this.drv = drv;
        this.k = drv.k;
    }

    /** arm_smmu_attach_dev (v6.8). */
    @KernelFunction("arm_smmu_attach_dev")
    protected int attachDev(ArmSmmuDomain d, Device dev) {
        try (Frame f = k.enter("arm_smmu_attach_dev")) {
            ArmSmmuMaster master = ArmSmmuV3.master(dev);
            if (master == null) return -Errno.ENOENT;
            // A master with SVA enabled cannot change its RID domain (I19).
            if (drv.sva().masterSvaEnabled(master)) return -Errno.EBUSY;
            drv.detachDev(master);
            d.initMutex.lock();
            try {
                if (d.smmu == null) {
                    d.smmu = drv.smmu;
                    int ret = drv.domainFinalise(d, master);
                    if (ret != 0) {
                        d.smmu = null;
                        return ret;
                    }
                } else if (d.smmu != drv.smmu) {
                    return -Errno.EINVAL;
                }
            } finally {
                d.initMutex.unlock();
            }
            master.domain = d;
            if (d.stage != ArmSmmuDomain.Stage.BYPASS) master.atsEnabled = drv.atsSupported(master);
            long flags = d.devicesLock.lockIrqsave();
            d.devices.add(0, master);
            d.devicesLock.unlockIrqrestore(flags);

            if (d.stage == ArmSmmuDomain.Stage.S1) {
                int ret = 0;
                if (master.cdTable.cdtab == null) ret = drv.cdCode.allocCdTables(master);
                if (ret == 0) {
                    drv.asidLock.lock();
                    try {
                        ret = drv.cdCode.writeCtxDesc(master, CdCode.IOMMU_NO_PASID, d.cd);
                    } finally {
                        drv.asidLock.unlock();
                    }
                }
                if (ret != 0) {
                    master.domain = null;
                    flags = d.devicesLock.lockIrqsave();
                    d.devices.remove(master);
                    d.devicesLock.unlockIrqrestore(flags);
                    return ret;
                }
            }
            StrtabCode.installSteForDev(k, master);
            drv.enableAts(master);
            return 0;
        }
    }

    /** arm_smmu_detach_dev: off the old domain's list, STE to abort, CD 0 cleared. */
    @KernelFunction("arm_smmu_detach_dev")
    protected void detachDev(ArmSmmuMaster master) {
        try (Frame f = k.enter("arm_smmu_detach_dev")) {
            ArmSmmuDomain d = master.domain;
            if (d == null) return;
            drv.disableAts(master);
            long flags = d.devicesLock.lockIrqsave();
            d.devices.remove(master);
            d.devicesLock.unlockIrqrestore(flags);
            master.domain = null;
            master.atsEnabled = false;
            StrtabCode.installSteForDev(k, master);
            if (d.stage == ArmSmmuDomain.Stage.S1 && master.cdTable.cdtab != null) {
                drv.cdCode.writeCtxDesc(master, CdCode.IOMMU_NO_PASID, null);
            }
        }
    }

    /** arm_smmu_release_device. */
    @KernelFunction("arm_smmu_release_device")
    protected void releaseDevice(Device dev) {
        try (Frame f = k.enter("arm_smmu_release_device")) {
            ArmSmmuMaster master = ArmSmmuV3.master(dev);
            k.warnOn(drv.sva().masterSvaEnabled(master), "arm_smmu_release_device: SVA still enabled on " + dev.name());
            drv.detachDev(master);
            StrtabCode.removeMaster(k, master);
            if (master.cdTable.cdtab != null) drv.cdCode.freeCdTables(master);
            master.live = false;
            dev.iommuPriv = null;
            k.kfree(master);
        }
    }

    /**
     * Whether arm_smmu_ops has a static blocked_domain: not in v6.8 (it came with the 6.9 entry
     * writer series; v6.8's arm_smmu_domain_alloc refuses IOMMU_DOMAIN_BLOCKED), so the core
     * falls back to an empty UNMANAGED domain.
     */
    protected boolean hasBlockedDomain() { return false; }

    /**
     * Whether arm_smmu_blocked_domain has a set_dev_pasid op (the 6.14 PASID-replace series moved
     * PASID removal there from remove_dev_pasid). False before it.
     */
    protected boolean blockedHasSetDevPasid() { return false; }

    /** arm_smmu_blocking_set_dev_pasid: the blocked domain's set_dev_pasid, absent before the PASID-replace series. */
    @KernelFunction("arm_smmu_blocking_set_dev_pasid")
    protected int blockingSetDevPasid(IommuDomain blocked, Device dev, int pasid, IommuDomain old) {
        throw new IllegalStateException("arm_smmu_blocking_set_dev_pasid does not exist before the PASID-replace series");
    }

    /** arm_smmu_attach_dev_blocked: the blocked domain's attach_dev; v6.8 has no such domain. */
    @KernelFunction("arm_smmu_attach_dev_blocked")
    protected int attachDevBlocked(org.smmubench.iommu.IommuDomain blocked, Device dev) {
        throw new IllegalStateException("v6.8 has no arm_smmu_blocked_domain");
    }

    /** arm_smmu_enable_ats: count it, flush the domain's ATCs, then turn ATS on in the endpoint. */
    @KernelFunction("arm_smmu_enable_ats")
    protected void enableAts(ArmSmmuMaster master) {
        try (Frame f = k.enter("arm_smmu_enable_ats")) {
            if (!master.atsEnabled) return;
            master.domain.nrAtsMasters++;
            drv.invCode.atcInvDomain(master.domain, CdCode.IOMMU_NO_PASID, 0, 0);
            master.dev.pciAtsEnabled = true;
        }
    }

    /** arm_smmu_disable_ats: endpoint first, then flush its ATC, then uncount. */
    @KernelFunction("arm_smmu_disable_ats")
    protected void disableAts(ArmSmmuMaster master) {
        try (Frame f = k.enter("arm_smmu_disable_ats")) {
            if (!master.atsEnabled) return;
            master.dev.pciAtsEnabled = false;
            drv.invCode.atcInvMaster(master);
            master.domain.nrAtsMasters--;
        }
    }

    /** arm_smmu_remove_dev_pasid (v6.8): find the SVA domain at that PASID and let the SVA code remove it. */
    @KernelFunction("arm_smmu_remove_dev_pasid")
    protected void removeDevPasid(Device dev, int pasid) {
        try (Frame f = k.enter("arm_smmu_remove_dev_pasid")) {
            ErrPtr<IommuDomain> dom = drv.core().iommuGetDomainForDevPasid(dev, pasid, IommuDomainType.SVA);
            if (k.warnOn(dom.isErr(), "arm_smmu_remove_dev_pasid: PASID 0x" + Integer.toHexString(pasid) + " holds a non-SVA domain")
                    || dom.get() == null) {
                return;
            }
            drv.sva().svaRemoveDevPasid(dom.get(), dev, pasid);
        }
    }
}
