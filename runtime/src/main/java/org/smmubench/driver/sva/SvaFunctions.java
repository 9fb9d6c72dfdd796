package org.smmubench.driver.sva;

import org.smmubench.driver.ArmSmmuDevice;
import org.smmubench.driver.ArmSmmuDomain;
import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.CdCode;
import org.smmubench.driver.CtxDesc;
import org.smmubench.driver.Feature;
import org.smmubench.driver.InvCode;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.kernel.Errno;
import org.smmubench.kernel.ErrPtr;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Gfp;
import org.smmubench.kernel.Kernel;
import org.smmubench.kernel.KernelFunction;
import org.smmubench.kernel.Mutex;
import org.smmubench.mm.Mm;
import org.smmubench.mm.MmWorld;

/**
 * The functions of arm-smmu-v3-sva.c that modelled upstream commits change, as v6.8 released
 * them (after b5bf7778): __arm_smmu_sva_bind writes the bound
 * master's CD with only mutexes held, and remove_dev_pasid clears it, so notifier get/put no
 * longer touch CDs and stay paired. A commit subclasses this and overrides the functions it
 * touched; {@link ArmSmmuSva} calls each through its {@link org.smmubench.kernel.FunctionTable}.
 * Calls between these functions go back through the host, so a tree mixes versions correctly.
 */
public class SvaFunctions {
    protected final ArmSmmuSva sva;
    protected final Kernel k;
    protected final ArmSmmuV3 drv;
    protected final MmWorld mmWorld;
    protected final Mutex svaLock;

    public SvaFunctions(ArmSmmuSva sva) {
        this.sva = sva;
        this.k = sva.k;
        this.drv = sva.drv;
        this.mmWorld = sva.mmWorld;
        this.svaLock = sva.svaLock;
    }

    protected CdCode cdCode() { return sva.cdCode(); }

    protected InvCode inv() { return sva.inv(); }

    /**
     * arm_smmu_sva_domain_alloc as the domain_alloc_sva op. v6.8 has no such op (its SVA domain
     * comes from domain_alloc(IOMMU_DOMAIN_SVA), {@link ArmSmmuSva#svaDomainAlloc()}, and no
     * 6.8 core calls this); here it is that allocation, NULL as -ENOMEM.
     */
    @KernelFunction("arm_smmu_sva_domain_alloc")
    protected ErrPtr<IommuDomain> svaDomainAlloc(Device dev, Mm mm) {
        IommuDomain d = sva.svaDomainAlloc();
        return d == null ? ErrPtr.err(-Errno.ENOMEM) : ErrPtr.of(d);
    }

    /** arm_smmu_mmu_notifier_get (v6.8, line 291): no devices_lock, no CD writes. */
    @KernelFunction("arm_smmu_mmu_notifier_get")
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
            smmuDomain.mmuNotifiers.add(0, smmuMn);
            return ErrPtr.of(smmuMn);
        }
    }

    /** arm_smmu_mmu_notifier_put (v6.8, line 334): the caller already cleared its CD. */
    @KernelFunction("arm_smmu_mmu_notifier_put")
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
            sva.freeSharedCd(cd);
        }
    }

    /** __arm_smmu_sva_bind (v6.8, line 360): the CD is written here, for this master, outside any spinlock. */
    @KernelFunction("__arm_smmu_sva_bind")
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
            int ret = cdCode().writeCtxDesc(master, pasid, bond.smmuMn.cd);
            if (ret != 0) {
                sva.mmuNotifierPut(bond.smmuMn);
                k.kfree(bond);
                return ret;
            }
            master.bonds.add(0, bond);
            return 0;
        }
    }

    /** arm_smmu_sva_remove_dev_pasid (v6.8, line 546): clear this master's CD first, bond or not. */
    @KernelFunction("arm_smmu_sva_remove_dev_pasid")
    protected void svaRemoveDevPasid(IommuDomain domain, Device dev, int id) {
        try (Frame f = k.enter("arm_smmu_sva_remove_dev_pasid")) {
            Mm mm = domain.mm;
            ArmSmmuMaster master = ArmSmmuV3.master(dev);
            svaLock.lock();
            try {
                cdCode().writeCtxDesc(master, id, null);
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

    /** arm_smmu_sva_set_dev_pasid (v6.8, line 572): passes the core's PASID down. */
    @KernelFunction("arm_smmu_sva_set_dev_pasid")
    protected int svaSetDevPasid(IommuDomain domain, Device dev, int id) {
        try (Frame f = k.enter("arm_smmu_sva_set_dev_pasid")) {
            Mm mm = domain.mm;
            svaLock.lock();
            try {
                return sva.armSmmuSvaBind(dev, id, mm);
            } finally {
                svaLock.unlock();
            }
        }
    }

    /**
     * arm_smmu_mm_arch_invalidate_secondary_tlbs (v6.8): no locks. mm passes an exclusive end,
     * so the size is end - start (95d4782c34a6). Without RANGE_INV a range of
     * CMDQ_MAX_TLBI_OPS pages or more becomes one TLBI by ASID (d5afb4b47e13); with it only
     * the whole-mm flush (end = ULONG_MAX) does. Then the ATCs for the mm's PASID.
     */
    @KernelFunction("arm_smmu_mm_arch_invalidate_secondary_tlbs")
    protected void mmArchInvalidateSecondaryTlbs(ArmSmmuMmuNotifier smmuMn, Mm mm, long start, long end) {
        try (Frame f = k.enter("arm_smmu_mm_arch_invalidate_secondary_tlbs")) {
            ArmSmmuDomain smmuDomain = smmuMn.domain;
            long size = end - start;
            if (!smmuDomain.smmu.has(Feature.RANGE_INV)) {
                if (size >= InvCode.CMDQ_MAX_TLBI_OPS * InvCode.PAGE_SIZE) size = 0;
            } else if (size == -1L) {
                size = 0;
            }
            if (!smmuDomain.smmu.has(Feature.BTM)) {
                if (size == 0) inv().tlbInvAsid(smmuDomain.smmu, smmuMn.cd.asid);
                else inv().tlbInvRangeAsid(start, size, smmuMn.cd.asid, InvCode.PAGE_SIZE, false, smmuDomain);
            }
            inv().atcInvDomain(smmuDomain, mm.mmGetEnqcmdPasid(), start, size);
        }
    }

    /**
     * arm_smmu_share_asid: the CPU ASID is free (null), already the mm's shared CD (returned
     * with a new reference), or a private domain's, which moves to a fresh ASID first.
     */
    @KernelFunction("arm_smmu_share_asid")
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
            sva.updateCtxDescDevices(smmuDomain, CdCode.IOMMU_NO_PASID, cd);
            inv().tlbInvAsid(smmu, asid);
            drv.asidXa.erase(asid);
            return ErrPtr.of(null);
        }
    }

    /**
     * arm_smmu_mm_release: the mm dies while bound. Quiesce the CD in every master of the RID
     * domain (still through its device list: "left as a confusing situation"), then TLBI/ATC.
     */
    @KernelFunction("arm_smmu_mm_release")
    protected void mmRelease(ArmSmmuMmuNotifier smmuMn, Mm mm) {
        try (Frame f = k.enter("arm_smmu_mm_release")) {
            ArmSmmuDomain smmuDomain = smmuMn.domain;
            svaLock.lock();
            try {
                if (smmuMn.cleared) return;
                // Keep the CD valid so in-flight DMA faults instead of raising C_BAD_CD.
                sva.updateCtxDescDevices(smmuDomain, mm.mmGetEnqcmdPasid(), cdCode().quietCd);
                inv().tlbInvAsid(smmuDomain.smmu, smmuMn.cd.asid);
                inv().atcInvDomain(smmuDomain, mm.mmGetEnqcmdPasid(), 0, 0);
                smmuMn.cleared = true;
            } finally {
                svaLock.unlock();
            }
        }
    }
}
