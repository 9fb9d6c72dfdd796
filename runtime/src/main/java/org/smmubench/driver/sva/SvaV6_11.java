package org.smmubench.driver.sva;

import java.util.List;

import org.smmubench.driver.ArmSmmuDomain;
import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuMasterDomain;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.ArmSmmuV6_10;
import org.smmubench.driver.ArmSmmuV6_11;
import org.smmubench.driver.CdEntryCode;
import org.smmubench.driver.CdMake;
import org.smmubench.driver.CtxDesc;
import org.smmubench.driver.EntryGeneration;
import org.smmubench.driver.EntryMaster;
import org.smmubench.driver.Feature;
import org.smmubench.driver.InvCode;
import org.smmubench.hw.field.Cd;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.DomainOps;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.iommu.IommuDomainType;
import org.smmubench.kernel.Errno;
import org.smmubench.kernel.ErrPtr;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Gfp;
import org.smmubench.kernel.KernelFunction;
import org.smmubench.mm.Mm;

/**
 * arm-smmu-v3-sva.c as v6.11 has it (d7b2d2ba, 49db2ed2, d38c28db): the SVA domain is an
 * arm_smmu_domain with its own ASID from arm_smmu_asid_xa, its own (master, pasid) list and an
 * embedded mmu_notifier registered at allocation. There are no bonds, no arm_smmu_mmu_notifier,
 * no shared CPU ASID (no arm64_mm_context_get, no share_asid), no BTM, and sva_lock guards only
 * sva_enabled. set_dev_pasid builds the SVA CD and hands it to arm_smmu_set_pasid; mm_release
 * walks the SVA domain's own list; invalidation uses the domain's ASID and its list.
 *
 * <p>Read: arm-smmu-v3-sva.c in maade93791/kernel_common-6.12 @ 0c10203ea93f (an Android 6.12
 * tree). Two differences from v6.11 as released, both left out here: that copy's
 * arm_smmu_sva_domain_alloc sets pgsize_bitmap = PAGE_SIZE (12f78021973a, a later fix), and its
 * set_dev_pasid takes the old domain (the later PASID-replace series). mmget_not_zero in
 * set_dev_pasid is in that copy and in the reference's account of the 6.11 series (d38c28db);
 * the 6.11 tag's text itself was not read.
 */
public class SvaV6_11 extends SvaFunctions {
    private final CdEntryCode cds;

    public SvaV6_11(ArmSmmuSva sva) {
        this(sva, EntryGeneration.V6_11);
    }

    /** A later release's version of this file, writing CDs with its own entry-writer generation. */
    protected SvaV6_11(ArmSmmuSva sva, EntryGeneration gen) {
        super(sva);
        this.cds = new CdEntryCode(k, drv.cdCode, gen);
    }

    private SvaV6_11 fn(String kernelFunction) { return (SvaV6_11) sva.functions().get(kernelFunction); }

    private ArmSmmuV6_11 armSmmu(String kernelFunction) { return (ArmSmmuV6_11) drv.functions().get(kernelFunction); }

    private final DomainOps svaDomainOps = new DomainOps() {
        @Override
        public boolean hasSetDevPasid() { return true; }

        @Override
        public int setDevPasid(IommuDomain dom, Device dev, int pasid) { return sva.svaSetDevPasid(dom, dev, pasid); }

        @Override
        public void free(IommuDomain dom) { fn("arm_smmu_sva_domain_free").svaDomainFree(dom); }
    };

    /**
     * arm_smmu_sva_domain_alloc (v6.11): an arm_smmu_domain of type SVA on the master's SMMU, a
     * private ASID in [1, 2^asid_bits - 1], and its notifier registered on the mm. No
     * pgsize_bitmap (12f78021973a adds it later).
     */
    @Override
    protected ErrPtr<IommuDomain> svaDomainAlloc(Device dev, Mm mm) {
        try (Frame f = k.enter("arm_smmu_sva_domain_alloc")) {
            return allocSvaDomain(dev, mm, 0);
        }
    }

    /**
     * The body of arm_smmu_sva_domain_alloc from arm_smmu_domain_alloc on, giving the domain
     * {@code pgsizeBitmap} (the caller holds the function's frame).
     */
    protected ErrPtr<IommuDomain> allocSvaDomain(Device dev, Mm mm, long pgsizeBitmap) {
        ArmSmmuMaster master = ArmSmmuV3.master(dev);
        int id = drv.nextDomainId();
        ArmSmmuDomain d = k.kzalloc("kzalloc.sva_domain", dev.name(), Gfp.GFP_KERNEL,
                () -> new ArmSmmuDomain(id, k.spinLock("&smmu_domain->devices_lock"), k.mutex("&smmu_domain->init_mutex")));
        if (d == null) return ErrPtr.err(-Errno.ENOMEM);
        d.type = IommuDomainType.SVA;
        d.ops = svaDomainOps;
        d.pgsizeBitmap = pgsizeBitmap;
        d.smmu = master.smmu;
        int asid = drv.asidXa.alloc("xa_alloc.asid", dev.name(), d.cd, 1, (1 << master.smmu.asidBits) - 1, Gfp.GFP_KERNEL);
        if (asid < 0) {
            k.kfree(d);
            return ErrPtr.err(asid);
        }
        d.cd.asid = asid;
        d.cd.refs = 1;
        ArmSmmuSvaDomainNotifier mn = new ArmSmmuSvaDomainNotifier(sva, d);
        d.mmuNotifier = mn;
        int ret = mmWorld.mmuNotifierRegister(mn, mm, dev.name());
        if (ret != 0) {
            drv.asidXa.erase(asid);
            k.kfree(d);
            return ErrPtr.err(ret);
        }
        return ErrPtr.of(d);
    }

    /** arm_smmu_sva_domain_free: TLBI the ASID, give it back, and put the notifier (the domain is freed after SRCU). */
    @KernelFunction("arm_smmu_sva_domain_free")
    protected void svaDomainFree(IommuDomain domain) {
        try (Frame f = k.enter("arm_smmu_sva_domain_free")) {
            ArmSmmuDomain d = (ArmSmmuDomain) domain;
            inv().tlbInvAsid(d.smmu, d.cd.asid);
            // An invalidation still running may use the reused ASID: harmless extra flushing.
            drv.asidXa.erase(d.cd.asid);
            mmWorld.mmuNotifierPut(d.mmuNotifier);
        }
    }

    /** arm_smmu_mmu_notifier_free: the SRCU callback frees the whole SVA domain. */
    @KernelFunction("arm_smmu_mmu_notifier_free")
    protected void mmuNotifierFree(ArmSmmuDomain d) {
        try (Frame f = k.enter("arm_smmu_mmu_notifier_free")) {
            k.kfree(d);
        }
    }

    /**
     * arm_smmu_sva_set_dev_pasid (v6.11): hold mm_users so mm_release cannot run meanwhile,
     * build the SVA CD with the domain's ASID (SVA domains never change ASID: no asid_lock),
     * and attach it with arm_smmu_set_pasid.
     */
    @Override
    protected int svaSetDevPasid(IommuDomain domain, Device dev, int id) {
        try (Frame f = k.enter("arm_smmu_sva_set_dev_pasid")) {
            return setSvaPasid(domain, dev, id);
        }
    }

    /** The body of arm_smmu_sva_set_dev_pasid from mmget_not_zero on (the caller holds its frame). */
    protected int setSvaPasid(IommuDomain domain, Device dev, int id) {
        ArmSmmuDomain d = (ArmSmmuDomain) domain;
        ArmSmmuMaster master = ArmSmmuV3.master(dev);
        if (!mmWorld.mmgetNotZero(domain.mm)) return -Errno.EINVAL;
        long[] target = svaCd(master, domain.mm, d.cd.asid);
        int ret = armSmmu("arm_smmu_set_pasid").setPasid(master, d, id, target);
        mmWorld.mmput(domain.mm);
        return ret;
    }

    private static long[] svaCd(ArmSmmuMaster master, Mm mm, int asid) {
        long[] target = new long[Cd.DWORDS];
        CdMake.makeSvaCd(target, EntryMaster.of(master), mm == null ? null : mm.pgdPhys(), ArmSmmuV6_10.CPU, asid);
        return target;
    }

    /**
     * arm_smmu_mm_arch_invalidate_secondary_tlbs (v6.11): the size rules of v6.8 (d5afb4b47e13,
     * 95d4782c34a6), then TLBI by the SVA domain's ASID or by range, always (no BTM), then the
     * ATC of every (master, pasid) of the domain.
     */
    @KernelFunction("arm_smmu_mm_arch_invalidate_secondary_tlbs")
    protected void mmArchInvalidateSecondaryTlbs(ArmSmmuDomain d, Mm mm, long start, long end) {
        try (Frame f = k.enter("arm_smmu_mm_arch_invalidate_secondary_tlbs")) {
            long size = end - start;
            if (!d.smmu.has(Feature.RANGE_INV)) {
                if (size >= InvCode.CMDQ_MAX_TLBI_OPS * InvCode.PAGE_SIZE) size = 0;
            } else if (size == -1L) {
                size = 0;
            }
            if (size == 0) inv().tlbInvAsid(d.smmu, d.cd.asid);
            else inv().tlbInvRangeAsid(start, size, d.cd.asid, InvCode.PAGE_SIZE, false, d);
            inv().atcInvDomainEntries(d, start, size);
        }
    }

    /**
     * arm_smmu_mm_release (v6.11): under devices_lock, every (master, ssid) on the SVA domain's
     * own list gets the release CD (valid, EPD0), looked up without allocating (WARN and skip
     * if missing); then TLBI the ASID and flush the ATCs. No cleared flag: it runs once.
     */
    @KernelFunction("arm_smmu_mm_release")
    protected void mmRelease(ArmSmmuDomain d, Mm mm) {
        try (Frame f = k.enter("arm_smmu_mm_release")) {
            long flags = d.devicesLock.lockIrqsave();
            try {
                for (ArmSmmuMasterDomain md : List.copyOf(d.masterDomains)) {
                    long cdptr = cds.getCdPtr(md.master, md.ssid);
                    if (k.warnOn(cdptr == 0, "arm_smmu_mm_release: no CD for PASID 0x" + Integer.toHexString(md.ssid)
                            + " on " + md.master.dev.name())) {
                        continue;
                    }
                    cds.writeCdEntry(md.master, md.ssid, cdptr, svaCd(md.master, null, d.cd.asid));
                }
            } finally {
                d.devicesLock.unlockIrqrestore(flags);
            }
            inv().tlbInvAsid(d.smmu, d.cd.asid);
            inv().atcInvDomainEntries(d, 0, 0);
        }
    }

    // ------------------------------------------------------------ removed by the 6.11 series

    private static IllegalStateException gone(String fn) {
        return new IllegalStateException(fn + " does not exist in v6.11 (the SVA domain rework removed it); nothing on this base calls it");
    }

    @Override
    protected ErrPtr<ArmSmmuMmuNotifier> mmuNotifierGet(ArmSmmuDomain smmuDomain, Mm mm, String device) { throw gone("arm_smmu_mmu_notifier_get"); }

    @Override
    protected void mmuNotifierPut(ArmSmmuMmuNotifier smmuMn) { throw gone("arm_smmu_mmu_notifier_put"); }

    @Override
    protected int armSmmuSvaBind(Device dev, int pasid, Mm mm) { throw gone("__arm_smmu_sva_bind"); }

    @Override
    protected void svaRemoveDevPasid(IommuDomain domain, Device dev, int id) { throw gone("arm_smmu_sva_remove_dev_pasid"); }

    @Override
    protected ErrPtr<CtxDesc> shareAsid(Mm mm, int asid) { throw gone("arm_smmu_share_asid"); }

    @Override
    protected void mmRelease(ArmSmmuMmuNotifier smmuMn, Mm mm) { throw gone("arm_smmu_mm_release on an arm_smmu_mmu_notifier"); }

    @Override
    protected void mmArchInvalidateSecondaryTlbs(ArmSmmuMmuNotifier smmuMn, Mm mm, long start, long end) {
        throw gone("arm_smmu_mm_arch_invalidate_secondary_tlbs on an arm_smmu_mmu_notifier");
    }
}
