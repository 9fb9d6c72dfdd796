package org.smmubench.driver;

import org.smmubench.iommu.Device;
import org.smmubench.kernel.Errno;
import org.smmubench.kernel.Frame;

/**
 * arm_smmu_attach_dev after 9f7c68911579 ("iommu/arm-smmu-v3: Hold arm_smmu_asid_lock during
 * all of attach_dev", v6.9-rc1; AUTOSEL for 6.8-stable, whose backport diff this follows):
 * the domain is finalised first, then arm_smmu_asid_lock is taken before arm_smmu_detach_dev
 * and held to the end, across CD 0's write (which no longer takes it itself), the STE and ATS.
 * So arm_smmu_share_asid, which moves a private ASID under that lock, can no longer run
 * between the master leaving the old domain's list and its CD 0 being cleared: on v6.8 it
 * could, and then it skipped that CD and installed the mm's CD with the very ASID CD 0 still
 * held, for different page tables.
 */
public class ArmSmmuAfter9f7c68911579 extends ArmSmmuFunctions {
    public ArmSmmuAfter9f7c68911579(ArmSmmuV3 drv) {
        super(drv);
    }

    @Override
    protected int attachDev(ArmSmmuDomain d, Device dev) {
        try (Frame f = k.enter("arm_smmu_attach_dev")) {
            ArmSmmuMaster master = ArmSmmuV3.master(dev);
            if (master == null) return -Errno.ENOENT;
            if (drv.sva().masterSvaEnabled(master)) return -Errno.EBUSY;
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
            // Keeps arm_smmu_share_asid off both the old and the new domain until the STE is in.
            drv.asidLock.lock();
            try {
                drv.detachDev(master);
                master.domain = d;
                if (d.stage != ArmSmmuDomain.Stage.BYPASS) master.atsEnabled = drv.atsSupported(master);
                long flags = d.devicesLock.lockIrqsave();
                d.devices.add(0, master);
                d.devicesLock.unlockIrqrestore(flags);

                if (d.stage == ArmSmmuDomain.Stage.S1) {
                    int ret = 0;
                    if (master.cdTable.cdtab == null) ret = drv.cdCode.allocCdTables(master);
                    if (ret == 0) ret = drv.cdCode.writeCtxDesc(master, CdCode.IOMMU_NO_PASID, d.cd);
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
            } finally {
                drv.asidLock.unlock();
            }
        }
    }
}
