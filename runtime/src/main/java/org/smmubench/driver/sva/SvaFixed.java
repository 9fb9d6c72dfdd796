package org.smmubench.driver.sva;

import org.smmubench.driver.ArmSmmuDomain;
import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.CtxDesc;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.kernel.Errno;
import org.smmubench.kernel.ErrPtr;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Gfp;
import org.smmubench.kernel.Kernel;
import org.smmubench.mm.Mm;
import org.smmubench.mm.MmWorld;

/**
 * arm-smmu-v3-sva.c after b5bf7778: __arm_smmu_sva_bind writes the
 * bound master's CD with only mutexes held, and remove_dev_pasid clears it, so notifier
 * get/put no longer touch CDs and stay paired.
 */
public class SvaFixed extends ArmSmmuSva {
    public SvaFixed(Kernel k, ArmSmmuV3 drv, MmWorld mmWorld) {
        super(k, drv, mmWorld);
    }

    @Override
    public String variantId() { return org.smmubench.driver.sva.DriverVariants.FIXED; }

    /** arm_smmu_mmu_notifier_get (POST, line 291): no devices_lock, no CD writes. */
    protected ErrPtr<ArmSmmuMmuNotifier> mmuNotifierGet(ArmSmmuDomain smmuDomain, Mm mm, String device) {
        try (Frame f = k.enter("arm_smmu_mmu_notifier_get")) {
            ArmSmmuMmuNotifier existing = findNotifier(smmuDomain, mm);
            if (existing != null) {
                existing.refs++;
                return ErrPtr.of(existing);
            }
            ErrPtr<CtxDesc> cd = allocSharedCd(mm, device);
            if (cd.isErr()) return ErrPtr.err(cd.err());
            ArmSmmuMmuNotifier smmuMn = newNotifier(smmuDomain, cd.get(), device);
            if (smmuMn == null) {
                freeSharedCd(cd.get());
                return ErrPtr.err(-Errno.ENOMEM);
            }
            int ret = mmWorld.mmuNotifierRegister(smmuMn, mm, device);
            if (ret != 0) {
                k.kfree(smmuMn);
                freeSharedCd(cd.get());
                return ErrPtr.err(ret);
            }
            smmuDomain.mmuNotifiers.add(0, smmuMn);
            return ErrPtr.of(smmuMn);
        }
    }

    /** arm_smmu_mmu_notifier_put (POST, line 334): the caller already cleared its CD. */
    protected void mmuNotifierPut(ArmSmmuMmuNotifier smmuMn) {
        try (Frame f = k.enter("arm_smmu_mmu_notifier_put")) {
            Mm mm = smmuMn.mm();
            CtxDesc cd = smmuMn.cd;
            ArmSmmuDomain smmuDomain = smmuMn.domain;
            if (--smmuMn.refs > 0) return;
            smmuDomain.mmuNotifiers.remove(smmuMn);
            if (!smmuMn.cleared) {
                inv().tlbInvAsid(smmuDomain.smmu, cd.asid);
                inv().atcInvDomain(smmuDomain, mm.mmGetEnqcmdPasid(), 0, 0);
            }
            mmWorld.mmuNotifierPut(smmuMn);
            freeSharedCd(cd);
        }
    }

    /** __arm_smmu_sva_bind (POST, line 360): the CD is written here, for this master, outside any spinlock. */
    protected int armSmmuSvaBind(Device dev, int pasid, Mm mm) {
        try (Frame f = k.enter("__arm_smmu_sva_bind")) {
            ArmSmmuMaster master = ArmSmmuV3.master(dev);
            IommuDomain domain = drv.core().iommuGetDomainForDev(dev);
            if (master == null || !master.svaEnabled) return -Errno.ENODEV;
            ArmSmmuDomain smmuDomain = (ArmSmmuDomain) domain;
            ArmSmmuBond bond = k.kzalloc("kzalloc.bond", dev.name(), Gfp.GFP_KERNEL, ArmSmmuBond::new);
            if (bond == null) return -Errno.ENOMEM;
            bond.mm = mm;
            ErrPtr<ArmSmmuMmuNotifier> mn = mmuNotifierGet(smmuDomain, mm, dev.name());
            if (mn.isErr()) {
                k.kfree(bond);
                return mn.err();
            }
            bond.smmuMn = mn.get();
            int ret = cdCode().writeCtxDesc(master, pasid, bond.smmuMn.cd);
            if (ret != 0) {
                mmuNotifierPut(bond.smmuMn);
                k.kfree(bond);
                return ret;
            }
            master.bonds.add(0, bond);
            return 0;
        }
    }

    /** arm_smmu_sva_remove_dev_pasid (POST, line 546): clear this master's CD first, bond or not. */
    @Override
    public void svaRemoveDevPasid(IommuDomain domain, Device dev, int id) {
        try (Frame f = k.enter("arm_smmu_sva_remove_dev_pasid")) {
            Mm mm = domain.mm;
            ArmSmmuMaster master = ArmSmmuV3.master(dev);
            svaLock.lock();
            try {
                cdCode().writeCtxDesc(master, id, null);
                ArmSmmuBond bond = findBond(master, mm);
                if (!k.warnOn(bond == null, "arm_smmu_sva_remove_dev_pasid: no bond for " + mm.name() + " on " + dev.name())) {
                    master.bonds.remove(bond);
                    mmuNotifierPut(bond.smmuMn);
                    k.kfree(bond);
                }
            } finally {
                svaLock.unlock();
            }
        }
    }

    /** arm_smmu_sva_set_dev_pasid (POST, line 572): passes the core's PASID down. */
    @Override
    protected int svaSetDevPasid(IommuDomain domain, Device dev, int id) {
        try (Frame f = k.enter("arm_smmu_sva_set_dev_pasid")) {
            Mm mm = domain.mm;
            svaLock.lock();
            try {
                return armSmmuSvaBind(dev, id, mm);
            } finally {
                svaLock.unlock();
            }
        }
    }
}
