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
import org.smmubench.mm.Mm;

/**
 * The five functions b5bf7778 changed, as at its parent: creating the
 * notifier writes the CD into every master of the RID domain under devices_lock, so the first
 * bind at a PASID without a CD leaf allocates 64 KiB with GFP_KERNEL in atomic context.
 * Installed by reverting b5bf7778b722 from v6.8.
 */
public final class SvaBeforeB5bf7778b722 extends SvaFunctions {
    public SvaBeforeB5bf7778b722(ArmSmmuSva sva) {
        super(sva);
    }

    /** arm_smmu_mmu_notifier_get (parent, line 290): the bug site is the loop under devices_lock. */
    @Override
    protected ErrPtr<ArmSmmuMmuNotifier> mmuNotifierGet(ArmSmmuDomain smmuDomain, Mm mm, String device) {
        try (Frame f = k.enter("arm_smmu_mmu_notifier_get")) {
            ArmSmmuMmuNotifier existing = ArmSmmuSva.findNotifier(smmuDomain, mm);
            if (existing != null) {
                existing.refs++;
                return ErrPtr.of(existing);
            }
            ErrPtr<CtxDesc> cd = sva.allocSharedCd(mm, device);
            if (cd.isErr()) return ErrPtr.err(cd.err());
            ArmSmmuMmuNotifier smmuMn = sva.newNotifier(smmuDomain, cd.get(), device);
            if (smmuMn == null) {
                sva.freeSharedCd(cd.get());
                return ErrPtr.err(-Errno.ENOMEM);
            }
            int ret = mmWorld.mmuNotifierRegister(smmuMn, mm, device);
            if (ret != 0) {
                k.kfree(smmuMn);
                sva.freeSharedCd(cd.get());
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
                sva.freeSharedCd(cd.get());
                return ErrPtr.err(ret);
            }

            smmuDomain.mmuNotifiers.add(0, smmuMn);
            return ErrPtr.of(smmuMn);
        }
    }

    /** arm_smmu_mmu_notifier_put (parent, line 355): the last reference clears the CD in every master. */
    @Override
    protected void mmuNotifierPut(ArmSmmuMmuNotifier smmuMn) {
        try (Frame f = k.enter("arm_smmu_mmu_notifier_put")) {
            Mm mm = smmuMn.mm();
            CtxDesc cd = smmuMn.cd;
            ArmSmmuDomain smmuDomain = smmuMn.domain;
            if (--smmuMn.refs > 0) return;
            smmuDomain.mmuNotifiers.remove(smmuMn);
            sva.updateCtxDescDevices(smmuDomain, mm.mmGetEnqcmdPasid(), null);
            if (!smmuMn.cleared) {
                inv().tlbInvAsid(smmuDomain.smmu, cd.asid);
                inv().atcInvDomain(smmuDomain, mm.mmGetEnqcmdPasid(), 0, 0);
            }
            mmWorld.mmuNotifierPut(smmuMn);
            sva.freeSharedCd(cd);
        }
    }

    /**
     * __arm_smmu_sva_bind (parent, line 384): no CD write here. The parent's function had no
     * PASID parameter; the table's common signature carries one, which this version ignores.
     */
    @Override
    protected int armSmmuSvaBind(Device dev, int pasid, Mm mm) {
        try (Frame f = k.enter("__arm_smmu_sva_bind")) {
            ArmSmmuMaster master = ArmSmmuV3.master(dev);
            IommuDomain domain = drv.core().iommuGetDomainForDev(dev);
            if (master == null || !master.svaEnabled) return -Errno.ENODEV;
            // 6.8 trusts the RID domain to be an S1 arm_smmu_domain (checked only from 6.9, ae91f655).
            ArmSmmuDomain smmuDomain = (ArmSmmuDomain) domain;
            ArmSmmuBond bond = k.kzalloc("kzalloc.bond", dev.name(), Gfp.GFP_KERNEL, ArmSmmuBond::new);
            if (bond == null) return -Errno.ENOMEM;
            bond.mm = mm;
            ErrPtr<ArmSmmuMmuNotifier> mn = sva.mmuNotifierGet(smmuDomain, mm, dev.name());
            if (mn.isErr()) {
                k.kfree(bond);
                return mn.err();
            }
            bond.smmuMn = mn.get();
            master.bonds.add(0, bond);
            return 0;
        }
    }

    /** arm_smmu_sva_remove_dev_pasid (parent, line 563): drop the bond; the CD goes with the last notifier reference. */
    @Override
    protected void svaRemoveDevPasid(IommuDomain domain, Device dev, int id) {
        try (Frame f = k.enter("arm_smmu_sva_remove_dev_pasid")) {
            Mm mm = domain.mm;
            ArmSmmuMaster master = ArmSmmuV3.master(dev);
            svaLock.lock();
            try {
                ArmSmmuBond bond = ArmSmmuSva.findBond(master, mm);
                if (!k.warnOn(bond == null, "arm_smmu_sva_remove_dev_pasid: no bond for " + mm.name() + " on " + dev.name())) {
                    master.bonds.remove(bond);
                    sva.mmuNotifierPut(bond.smmuMn);
                    k.kfree(bond);
                }
            } finally {
                svaLock.unlock();
            }
        }
    }

    /** arm_smmu_sva_set_dev_pasid (parent, line 586): the PASID is not passed down. */
    @Override
    protected int svaSetDevPasid(IommuDomain domain, Device dev, int id) {
        try (Frame f = k.enter("arm_smmu_sva_set_dev_pasid")) {
            Mm mm = domain.mm;
            svaLock.lock();
            try {
                return sva.armSmmuSvaBind(dev, id, mm); // the parent's bind ignores the PASID
            } finally {
                svaLock.unlock();
            }
        }
    }
}
