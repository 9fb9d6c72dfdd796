package org.smmubench.driver.sva;

import java.util.List;

import org.smmubench.driver.ArmSmmuDevice;
import org.smmubench.driver.ArmSmmuDomain;
import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.ArmSmmuV6_10;
import org.smmubench.driver.CdCode;
import org.smmubench.driver.CdEntryCode;
import org.smmubench.driver.CdMake;
import org.smmubench.driver.CtxDesc;
import org.smmubench.driver.EntryGeneration;
import org.smmubench.driver.EntryMaster;
import org.smmubench.hw.field.Cd;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.iommu.IommuDomainType;
import org.smmubench.kernel.Errno;
import org.smmubench.kernel.ErrPtr;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Gfp;
import org.smmubench.mm.Mm;

/**
 * arm-smmu-v3-sva.c as v6.10 has it: still bonds, one notifier per (RID domain, mm), the CPU's
 * ASID shared through arm_smmu_share_asid and sva_lock; but every CD is made by a make function
 * and written with arm_smmu_write_cd_entry, the SVA CD slot is allocated by
 * arm_smmu_alloc_cd_ptr before any spinlock (b2f4c0fc, 7b87c93c), and mm_release looks CDs up
 * without allocating (a missing one is a WARN and a skip). The seed bug cannot happen here: no
 * path allocates a CD leaf under devices_lock.
 *
 * <p>Read: torvalds/linux arm-smmu-v3-sva.c at 7b87c93c8b86 ("Move the CD generation for SVA into
 * a function", the last 6.10 commit that changes these functions before 04905c17 and the KUnit
 * commits, which only export make_sva_cd), and at e9d1e4ff74b9 just before it. Every function
 * here follows the 7b87c93c text: bind takes the bond and the notifier, then
 * arm_smmu_alloc_cd_ptr for the mm's PASID and writes make_sva_cd(mm, the notifier's ASID);
 * remove clears the CD, then drops the bond; mm_release writes make_sva_cd(NULL) into every
 * master of the RID domain, WARN and skip where the slot is missing; share_asid rewrites CD 0
 * with arm_smmu_update_s1_domain_cd_entry; set_dev_pasid refuses a PASID other than the mm's.
 * Not modelled: arm_smmu_alloc_shared_cd there no longer fills TCR/TTBR/MAIR in the ctx_desc
 * (the model's still does; nothing on this base reads them).
 */
public class SvaV6_10 extends SvaFunctions {
    private final CdEntryCode cds;

    public SvaV6_10(ArmSmmuSva sva) {
        super(sva);
        this.cds = new CdEntryCode(k, drv.cdCode, EntryGeneration.V6_10);
    }

    private static long[] svaCd(ArmSmmuMaster master, Mm mm, int asid) {
        long[] target = new long[Cd.DWORDS];
        CdMake.makeSvaCd(target, EntryMaster.of(master), mm == null ? null : mm.pgdPhys(), ArmSmmuV6_10.CPU, asid);
        return target;
    }

    /** __arm_smmu_sva_bind (v6.10): a paging S1 RID domain (ae91f655), the bond and notifier, then the CD slot and the CD. */
    @Override
    protected int armSmmuSvaBind(Device dev, int pasid, Mm mm) {
        try (Frame f = k.enter("__arm_smmu_sva_bind")) {
            ArmSmmuMaster master = ArmSmmuV3.master(dev);
            IommuDomain domain = drv.core().iommuGetDomainForDev(dev);
            if (!(domain instanceof ArmSmmuDomain smmuDomain) || domain.type == IommuDomainType.IDENTITY
                    || smmuDomain.stage != ArmSmmuDomain.Stage.S1) {
                return -Errno.ENODEV;
            }
            if (master == null || !master.svaEnabled) return -Errno.ENODEV;
            ArmSmmuBond bond = k.kzalloc("kzalloc.bond", dev.name(), Gfp.GFP_KERNEL, ArmSmmuBond::new);
            if (bond == null) return -Errno.ENOMEM;
            bond.mm = mm;
            ErrPtr<ArmSmmuMmuNotifier> mn = sva.mmuNotifierGet(smmuDomain, mm, dev.name());
            if (mn.isErr()) {
                k.kfree(bond);
                return mn.err();
            }
            bond.smmuMn = mn.get();
            // Only mutexes are held here (sva_lock, the group's): the slot may be allocated.
            long cdptr = cds.allocCdPtr(master, mm.mmGetEnqcmdPasid());
            if (cdptr == 0) {
                sva.mmuNotifierPut(bond.smmuMn);
                k.kfree(bond);
                return -Errno.ENOMEM;
            }
            cds.writeCdEntry(master, pasid, cdptr, svaCd(master, mm, bond.smmuMn.cd.asid));
            master.bonds.add(0, bond);
            return 0;
        }
    }

    /** arm_smmu_sva_remove_dev_pasid (v6.10): arm_smmu_clear_cd, then drop the bond. */
    @Override
    protected void svaRemoveDevPasid(IommuDomain domain, Device dev, int id) {
        try (Frame f = k.enter("arm_smmu_sva_remove_dev_pasid")) {
            Mm mm = domain.mm;
            ArmSmmuMaster master = ArmSmmuV3.master(dev);
            svaLock.lock();
            try {
                cds.clearCd(master, id);
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

    /** arm_smmu_sva_set_dev_pasid (v6.10): refuses any PASID but the mm's (fdc69d39), then binds under sva_lock. */
    @Override
    protected int svaSetDevPasid(IommuDomain domain, Device dev, int id) {
        try (Frame f = k.enter("arm_smmu_sva_set_dev_pasid")) {
            Mm mm = domain.mm;
            if (mm.mmGetEnqcmdPasid() != id) return -Errno.EINVAL;
            svaLock.lock();
            try {
                return sva.armSmmuSvaBind(dev, id, mm);
            } finally {
                svaLock.unlock();
            }
        }
    }

    /**
     * arm_smmu_share_asid (v6.10): as v6.8, but a private domain moved to a new ASID has its CD
     * 0 rewritten by arm_smmu_update_s1_domain_cd_entry (make_s1_cd + write_cd_entry per master).
     */
    @Override
    protected ErrPtr<CtxDesc> shareAsid(Mm mm, int asid) {
        try (Frame f = k.enter("arm_smmu_share_asid")) {
            CtxDesc cd = drv.asidXa.load(asid);
            if (cd == null) return ErrPtr.of(null);
            if (cd.mm != null) {
                if (k.warnOn(cd.mm != mm, "arm_smmu_share_asid: asid " + asid + " shared by another mm")) {
                    return ErrPtr.err(-Errno.EINVAL);
                }
                cd.refs++;
                return ErrPtr.of(cd);
            }
            ArmSmmuDomain smmuDomain = cd.ownerDomain;
            ArmSmmuDevice smmu = smmuDomain.smmu;
            int newAsid = drv.asidXa.alloc("xa_alloc.asid", null, cd, 1, (1 << smmu.asidBits) - 1, Gfp.GFP_KERNEL);
            if (newAsid < 0) return ErrPtr.err(-Errno.ENOSPC);
            cd.asid = newAsid;
            updateS1DomainCdEntry(smmuDomain);
            inv().tlbInvAsid(smmu, asid);
            drv.asidXa.erase(asid);
            return ErrPtr.of(null);
        }
    }

    /** arm_smmu_update_s1_domain_cd_entry: CD 0 of every master of the domain, looked up without allocating. */
    private void updateS1DomainCdEntry(ArmSmmuDomain smmuDomain) {
        try (Frame f = k.enter("arm_smmu_update_s1_domain_cd_entry")) {
            long flags = smmuDomain.devicesLock.lockIrqsave();
            try {
                for (ArmSmmuMaster master : List.copyOf(smmuDomain.devices)) {
                    long cdptr = cds.getCdPtr(master, CdCode.IOMMU_NO_PASID);
                    if (k.warnOn(cdptr == 0, "arm_smmu_update_s1_domain_cd_entry: no CD 0 on " + master.dev.name())) continue;
                    cds.writeCdEntry(master, CdCode.IOMMU_NO_PASID, cdptr, ArmSmmuV6_10.makeS1Cd(master, smmuDomain));
                }
            } finally {
                smmuDomain.devicesLock.unlockIrqrestore(flags);
            }
        }
    }

    /**
     * arm_smmu_mm_release (v6.10): under devices_lock, every master of the RID domain that has
     * the PASID's CD slot gets the "release" CD (valid, EPD0: DMA faults instead of C_BAD_CD);
     * a master without the slot is a WARN and a skip, never an allocation. Then TLBI and ATC.
     */
    @Override
    protected void mmRelease(ArmSmmuMmuNotifier smmuMn, Mm mm) {
        try (Frame f = k.enter("arm_smmu_mm_release")) {
            ArmSmmuDomain smmuDomain = smmuMn.domain;
            int pasid = mm.mmGetEnqcmdPasid();
            svaLock.lock();
            try {
                if (smmuMn.cleared) return;
                long flags = smmuDomain.devicesLock.lockIrqsave();
                try {
                    for (ArmSmmuMaster master : List.copyOf(smmuDomain.devices)) {
                        long cdptr = cds.getCdPtr(master, pasid);
                        if (k.warnOn(cdptr == 0, "arm_smmu_mm_release: no CD for PASID 0x" + Integer.toHexString(pasid)
                                + " on " + master.dev.name())) {
                            continue;
                        }
                        cds.writeCdEntry(master, pasid, cdptr, svaCd(master, null, smmuMn.cd.asid));
                    }
                } finally {
                    smmuDomain.devicesLock.unlockIrqrestore(flags);
                }
                inv().tlbInvAsid(smmuDomain.smmu, smmuMn.cd.asid);
                inv().atcInvDomain(smmuDomain, pasid, 0, 0);
                smmuMn.cleared = true;
            } finally {
                svaLock.unlock();
            }
        }
    }
}
