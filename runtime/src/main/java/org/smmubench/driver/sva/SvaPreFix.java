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
 * arm-smmu-v3-sva.c at the parent of b5bf7778: creating the
 * notifier writes the CD into every master of the RID domain under devices_lock, so the
 * first bind at a PASID without a CD leaf allocates 64 KiB with GFP_KERNEL in atomic context.
 */
public class SvaPreFix extends ArmSmmuSva {
    public SvaPreFix(Kernel k, ArmSmmuV3 drv, MmWorld mmWorld) {
        super(k, drv, mmWorld);
    }

    @Override
    public String variantId() { return org.smmubench.driver.sva.DriverVariants.PRE_FIX; }

    /** arm_smmu_mmu_notifier_get (PRE, line 290): the bug site is the loop under devices_lock. */
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

            long flags = smmuDomain.devicesLock.lockIrqsave();
            int failed = -1;
            for (int i = 0; i < smmuDomain.devices.size(); i++) {
                ret = cdCode().writeCtxDesc(smmuDomain.devices.get(i), mm.mmGetEnqcmdPasid(), cd.get());
                if (ret != 0) {
                    failed = i;
                    break;
                }
            }
            if (failed >= 0) {
                // Unwind from the failing master back to the first, clearing the PASID's CD.
                for (int i = failed; i >= 0; i--) cdCode().writeCtxDesc(smmuDomain.devices.get(i), mm.mmGetEnqcmdPasid(), null);
            }
            smmuDomain.devicesLock.unlockIrqrestore(flags);
            if (ret != 0) {
                mmWorld.mmuNotifierPut(smmuMn);
                freeSharedCd(cd.get());
                return ErrPtr.err(ret);
            }

            smmuDomain.mmuNotifiers.add(0, smmuMn);
            return ErrPtr.of(smmuMn);
        }
    }

    /** arm_smmu_mmu_notifier_put (PRE, line 355): the last reference clears the CD in every master. */
    protected void mmuNotifierPut(ArmSmmuMmuNotifier smmuMn) {
        try (Frame f = k.enter("arm_smmu_mmu_notifier_put")) {
            Mm mm = smmuMn.mm();
            CtxDesc cd = smmuMn.cd;
            ArmSmmuDomain smmuDomain = smmuMn.domain;
            if (--smmuMn.refs > 0) return;
            smmuDomain.mmuNotifiers.remove(smmuMn);
            updateCtxDescDevices(smmuDomain, mm.mmGetEnqcmdPasid(), null);
            if (!smmuMn.cleared) {
                inv().tlbInvAsid(smmuDomain.smmu, cd.asid);
                inv().atcInvDomain(smmuDomain, mm.mmGetEnqcmdPasid(), 0, 0);
            }
            mmWorld.mmuNotifierPut(smmuMn);
            freeSharedCd(cd);
        }
    }

    /** __arm_smmu_sva_bind (PRE, line 384): no PASID argument, no CD write here. */
    protected int armSmmuSvaBind(Device dev, Mm mm) {
        try (Frame f = k.enter("__arm_smmu_sva_bind")) {
            ArmSmmuMaster master = ArmSmmuV3.master(dev);
            IommuDomain domain = drv.core().iommuGetDomainForDev(dev);
            if (master == null || !master.svaEnabled) return -Errno.ENODEV;
            // 6.8 trusts the RID domain to be an S1 arm_smmu_domain (checked only from 6.9, ae91f655).
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
            master.bonds.add(0, bond);
            return 0;
        }
    }

    /** arm_smmu_sva_remove_dev_pasid (PRE, line 563): drop the bond; the CD goes with the last notifier reference. */
    @Override
    public void svaRemoveDevPasid(IommuDomain domain, Device dev, int id) {
        try (Frame f = k.enter("arm_smmu_sva_remove_dev_pasid")) {
            Mm mm = domain.mm;
            ArmSmmuMaster master = ArmSmmuV3.master(dev);
            svaLock.lock();
            try {
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

    /** arm_smmu_sva_set_dev_pasid (PRE, line 586). */
    @Override
    protected int svaSetDevPasid(IommuDomain domain, Device dev, int id) {
        try (Frame f = k.enter("arm_smmu_sva_set_dev_pasid")) {
            Mm mm = domain.mm;
            svaLock.lock();
            try {
                return armSmmuSvaBind(dev, mm);
            } finally {
                svaLock.unlock();
            }
        }
    }
}
