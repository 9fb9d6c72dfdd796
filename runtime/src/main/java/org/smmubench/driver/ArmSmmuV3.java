package org.smmubench.driver;

import org.smmubench.hw.Smmu;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.DomainOps;
import org.smmubench.iommu.IommuDevFeature;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.iommu.IommuDomainType;
import org.smmubench.iommu.IommuOps;
import org.smmubench.kernel.Errno;
import org.smmubench.kernel.ErrPtr;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.FunctionTable;
import org.smmubench.kernel.Gfp;
import org.smmubench.kernel.Kernel;
import org.smmubench.kernel.Mutex;
import org.smmubench.kernel.Patchable;
import org.smmubench.kernel.XArray;
import org.smmubench.mm.MmWorld;

/**
 * arm-smmu-v3.c: the iommu_ops and the RID-domain life cycle (probe, attach, detach, finalise,
 * release). The functions later releases or commits change (attach, detach, release, ATS
 * enable/disable) live in {@link ArmSmmuFunctions} (v6.8) and its subclasses; the SVA half is
 * {@link SvaOps}.
 */
public class ArmSmmuV3 implements IommuOps, Patchable<ArmSmmuFunctions> {
    public final Kernel k;
    public final ArmSmmuDevice smmu;
    public final CdCode cdCode;
    public final InvCode invCode;
    /** arm_smmu_asid_xa: ASID -> ctx_desc for private and shared CDs alike (DEFINE_XARRAY_ALLOC1). */
    public final XArray<CtxDesc> asidXa;
    /** arm_smmu_asid_lock. */
    public final Mutex asidLock;
    private SvaOps sva;
    private java.util.function.IntSupplier domainIds = () -> 0;
    private final DomainOps ridDomainOps = new RidDomainOps();
    private final FunctionTable<ArmSmmuFunctions> functions;

    public ArmSmmuV3(Kernel k, Smmu hw, CdCode cdCode, InvCode invCode) {
        this.k = k;
        this.cdCode = cdCode;
        this.invCode = invCode;
        this.asidXa = k.xarray("arm_smmu_asid_xa", 1);
        this.asidLock = k.mutex("arm_smmu_asid_lock");
        this.smmu = ArmSmmuProbe.probe(k, hw);
        this.functions = new FunctionTable<>(new ArmSmmuFunctions(this));
    }

    @Override
    public FunctionTable<ArmSmmuFunctions> functions() { return functions; }

    public ArmSmmuV3(Kernel k, Smmu hw) {
        this(k, hw, new CdCode(k), new InvCode(k));
    }

    /** Wires the variant's SVA code (it needs the driver, the driver needs it). */
    public void setSva(SvaOps sva) { this.sva = sva; }

    public SvaOps sva() { return sva; }

    /** Where domain ids come from (the core numbers domains in allocation order). */
    public void setDomainIds(java.util.function.IntSupplier ids) { this.domainIds = ids; }

    /** The next domain number (RID and SVA domains share one sequence, as in dumps they should). */
    public int nextDomainId() { return domainIds.getAsInt(); }

    public static ArmSmmuMaster master(Device dev) { return (ArmSmmuMaster) dev.iommuPriv; }

    @Override
    public int maxPasids() { return smmu.maxPasids(); }

    // ---------------------------------------------------------------- probe / release

    /** arm_smmu_probe_device: the master, its streams, its PASID width and stall ability. */
    @Override
    public ErrPtr<Object> probeDevice(Device dev) {
        try (Frame f = k.enter("arm_smmu_probe_device")) {
            ArmSmmuMaster master = k.kzalloc(null, dev.name(), Gfp.GFP_KERNEL, () -> new ArmSmmuMaster(smmu, dev));
            if (master == null) return ErrPtr.err(-Errno.ENOMEM);
            dev.iommuPriv = master;
            int ret = StrtabCode.insertMaster(k, smmu, master);
            if (ret != 0) {
                dev.iommuPriv = null;
                k.kfree(master);
                return ErrPtr.err(ret);
            }
            // Platform devices: the "pasid-num-bits" property; PCI: arm_smmu_enable_pasid below.
            master.ssidBits = dev.isPci() ? 0 : Math.min(smmu.ssidBits, dev.pasidBits());
            enablePasid(master);
            if (!smmu.has(Feature.TWO_LVL_CDTAB)) master.ssidBits = Math.min(master.ssidBits, CdCode.CTXDESC_LINEAR_CDMAX);
            // "dma-can-stall" is not modelled: only STALL_FORCE makes a master stall.
            if (smmu.has(Feature.STALL_FORCE)) master.stallEnabled = true;
            return ErrPtr.of(master);
        }
    }

    /** arm_smmu_enable_pasid: PCI PASID capability (the ACS-checked path that also isolates the group). */
    void enablePasid(ArmSmmuMaster master) {
        try (Frame f = k.enter("arm_smmu_enable_pasid")) {
            Device dev = master.dev;
            if (!dev.isPci() || dev.pasidBits() == 0) return;
            master.ssidBits = Math.min(dev.pasidBits(), smmu.ssidBits);
        }
    }

    /** arm_smmu_release_device, as the tree has it. */
    @Override
    public void releaseDevice(Device dev) { functions.get("arm_smmu_release_device").releaseDevice(dev); }

    // ---------------------------------------------------------------- domains

    /** arm_smmu_domain_alloc: SVA goes to the SVA code; paging types get an arm_smmu_domain. */
    @Override
    public IommuDomain domainAlloc(IommuDomainType type) {
        try (Frame f = k.enter("arm_smmu_domain_alloc")) {
            if (type == IommuDomainType.SVA) return sva.svaDomainAlloc();
            if (type != IommuDomainType.UNMANAGED && type != IommuDomainType.DMA && type != IommuDomainType.IDENTITY) return null;
            int id = nextDomainId();
            ArmSmmuDomain d = k.kzalloc(null, null, Gfp.GFP_KERNEL,
                    () -> new ArmSmmuDomain(id, k.spinLock("&smmu_domain->devices_lock"), k.mutex("&smmu_domain->init_mutex")));
            if (d == null) return null;
            if (type == IommuDomainType.IDENTITY) d.stage = ArmSmmuDomain.Stage.BYPASS;
            d.ops = ridDomainOps;
            return d;
        }
    }

    /** arm_smmu_blocked_domain, made on first use (static in the kernel); see {@link #blockedDomain}. */
    private IommuDomain blocked;

    /** ops->blocked_domain: the tree's static blocked domain, or null when its arm_smmu_ops has none. */
    @Override
    public IommuDomain blockedDomain() {
        if (!functions.get("arm_smmu_attach_dev_blocked").hasBlockedDomain()) return null;
        if (blocked == null) {
            IommuDomain d = new IommuDomain(nextDomainId());
            d.type = IommuDomainType.BLOCKED;
            d.owner = this;
            d.ops = new org.smmubench.iommu.DomainOps() {
                @Override
                public int attachDev(IommuDomain dom, Device dev) {
                    return functions.get("arm_smmu_attach_dev_blocked").attachDevBlocked(dom, dev);
                }

                @Override
                public boolean hasSetDevPasid() {
                    return functions.get("arm_smmu_blocking_set_dev_pasid").blockedHasSetDevPasid();
                }

                @Override
                public int setDevPasid(IommuDomain dom, Device dev, int pasid, IommuDomain old) {
                    return functions.get("arm_smmu_blocking_set_dev_pasid").blockingSetDevPasid(dom, dev, pasid, old);
                }

                /** A static domain: its ops have no free. */
                @Override
                public void free(IommuDomain dom) {}
            };
            blocked = d;
        }
        return blocked;
    }

    /** The ops of RID domains: attach_dev and free. */
    private final class RidDomainOps implements DomainOps {
        @Override
        public int attachDev(IommuDomain dom, Device dev) { return ArmSmmuV3.this.attachDev((ArmSmmuDomain) dom, dev); }

        @Override
        public void free(IommuDomain dom) { domainFree((ArmSmmuDomain) dom); }
    }

    /**
     * arm_smmu_domain_free: free_io_pgtable_ops first (its flush-all is the TLBI of the private
     * ASID and the ATC_INV), and only then, under arm_smmu_asid_lock, give the ASID back.
     */
    void domainFree(ArmSmmuDomain d) {
        try (Frame f = k.enter("arm_smmu_domain_free")) {
            freeIoPgtableOps(d);
            if (d.stage == ArmSmmuDomain.Stage.S1) {
                // Keeps SVA's ASID sharing away from the CD while its ASID is released.
                asidLock.lock();
                try {
                    if (d.cd.asid != 0) freeAsid(d.cd);
                } finally {
                    asidLock.unlock();
                }
            }
            k.kfree(d);
        }
    }

    /**
     * free_io_pgtable_ops: io_pgtable_tlb_flush_all (arm_smmu_tlb_inv_context) and then the
     * tables. Only a finalised domain has io-pgtable ops (d.smmu set). Not modelled: the kernel
     * also frees the ops (with this flush, ASID 0) when finalise fails; the model keeps that
     * table until here and frees it without a flush.
     */
    private void freeIoPgtableOps(ArmSmmuDomain d) {
        if (d.pgtbl == null) return;
        try (Frame f = k.enter("free_io_pgtable_ops")) {
            if (d.smmu != null) tlbInvContext(d);
            k.dmaFreeCoherent(d.pgtbl);
        }
    }

    /** arm_smmu_tlb_inv_context: TLBI by ASID with a sync for stage 1, then the RID's ATC. */
    private void tlbInvContext(ArmSmmuDomain d) {
        try (Frame f = k.enter("arm_smmu_tlb_inv_context")) {
            if (d.stage == ArmSmmuDomain.Stage.S1) invCode.tlbInvAsid(smmu, d.cd.asid);
            invCode.atcInvDomain(d, CdCode.IOMMU_NO_PASID, 0, 0);
        }
    }

    /** arm_smmu_free_asid: drop a ctx_desc reference; the last one erases its ASID. */
    public boolean freeAsid(CtxDesc cd) {
        try (Frame f = k.enter("arm_smmu_free_asid")) {
            if (cd.asid == 0) return false;
            boolean free = --cd.refs == 0;
            if (free) {
                CtxDesc old = asidXa.erase(cd.asid);
                k.warnOn(old != cd, "arm_smmu_free_asid: asid " + cd.asid + " held another context");
            }
            return free;
        }
    }

    /** arm_smmu_domain_finalise: first attach decides the stage and builds the context. */
    int domainFinalise(ArmSmmuDomain d, ArmSmmuMaster master) {
        try (Frame f = k.enter("arm_smmu_domain_finalise")) {
            if (d.stage == ArmSmmuDomain.Stage.BYPASS) return 0;
            // io-pgtable: the DMA domain's own (empty) stage-1 tables.
            d.pgtbl = k.dmaAllocCoherent(null, master.dev.name(), InvCode.PAGE_SIZE, Gfp.GFP_KERNEL);
            if (d.pgtbl == null) return -Errno.ENOMEM;
            d.pgsizeBitmap = IO_PGTABLE_PGSIZE_BITMAP;
            return domainFinaliseS1(d, master);
        }
    }

    /**
     * The pgsize_bitmap io-pgtable gives a stage-1 domain on a 4K-granule SMMU with a 4K
     * PAGE_SIZE: SZ_4K | SZ_2M | SZ_1G (the block sizes of the 4K LPAE format).
     */
    static final long IO_PGTABLE_PGSIZE_BITMAP = (1L << 12) | (1L << 21) | (1L << 30);

    /** I/O page-table MAIR (ARM_LPAE_MAIR_ATTR_*: normal WB, device, normal NC, ...). */
    static final long IO_PGTABLE_MAIR = 0x0000_0000_0004_44ffL;

    /** arm_smmu_domain_finalise_s1: a private ASID from the xarray under arm_smmu_asid_lock. */
    private int domainFinaliseS1(ArmSmmuDomain d, ArmSmmuMaster master) {
        try (Frame f = k.enter("arm_smmu_domain_finalise_s1")) {
            asidLock.lock();
            try {
                int asid = asidXa.alloc("xa_alloc.asid", master.dev.name(), d.cd, 1, (1 << smmu.asidBits) - 1, Gfp.GFP_KERNEL);
                if (asid < 0) return asid;
                d.cd.asid = asid;
                d.cd.ttbr = d.pgtbl.dma();
                d.cd.tcr = CdTcr.build(MmWorld.VA_BITS, smmu.oasBits);
                d.cd.mair = IO_PGTABLE_MAIR;
                d.cd.refs = 1;
                return 0;
            } finally {
                asidLock.unlock();
            }
        }
    }

    // ---------------------------------------------------------------- attach / detach

    /** arm_smmu_attach_dev, as the tree has it. */
    int attachDev(ArmSmmuDomain d, Device dev) { return functions.get("arm_smmu_attach_dev").attachDev(d, dev); }

    /** arm_smmu_detach_dev, as the tree has it. */
    public void detachDev(ArmSmmuMaster master) { functions.get("arm_smmu_detach_dev").detachDev(master); }

    /** arm_smmu_ats_supported: SMMU ATS, a root complex that does ATS, and a PCI device that can. */
    boolean atsSupported(ArmSmmuMaster master) {
        return smmu.has(Feature.ATS) && master.dev.isPci() && master.dev.atsCapable();
    }

    /** arm_smmu_enable_ats, as the tree has it. */
    void enableAts(ArmSmmuMaster master) { functions.get("arm_smmu_enable_ats").enableAts(master); }

    /** arm_smmu_disable_ats, as the tree has it. */
    void disableAts(ArmSmmuMaster master) { functions.get("arm_smmu_disable_ats").disableAts(master); }

    // ---------------------------------------------------------------- features / PASID

    /** arm_smmu_dev_enable_feature. */
    @Override
    public int devEnableFeat(Device dev, IommuDevFeature feat) {
        try (Frame f = k.enter("arm_smmu_dev_enable_feature")) {
            ArmSmmuMaster master = master(dev);
            if (master == null) return -Errno.ENODEV;
            if (feat == IommuDevFeature.IOPF) return master.stallEnabled ? 0 : -Errno.EINVAL;
            if (!sva.masterSvaSupported(master)) return -Errno.EINVAL;
            if (sva.masterSvaEnabled(master)) return -Errno.EBUSY;
            return sva.masterEnableSva(master);
        }
    }

    /** arm_smmu_dev_disable_feature. */
    @Override
    public int devDisableFeat(Device dev, IommuDevFeature feat) {
        try (Frame f = k.enter("arm_smmu_dev_disable_feature")) {
            ArmSmmuMaster master = master(dev);
            if (master == null) return -Errno.ENODEV;
            if (feat == IommuDevFeature.IOPF) return 0;
            if (!sva.masterSvaEnabled(master)) return -Errno.EINVAL;
            return sva.masterDisableSva(master);
        }
    }

    /** arm_smmu_remove_dev_pasid, as the tree has it. */
    @Override
    public void removeDevPasid(Device dev, int pasid) { functions.get("arm_smmu_remove_dev_pasid").removeDevPasid(dev, pasid); }

    /** domain_alloc_sva (6.11+, 678d79b9): the SVA code's arm_smmu_sva_domain_alloc(dev, mm). */
    @Override
    public ErrPtr<IommuDomain> domainAllocSva(Device dev, org.smmubench.mm.Mm mm) { return sva.svaDomainAllocSva(dev, mm); }

    private org.smmubench.iommu.IommuCore core;

    /** The driver calls back into the core (iommu_get_domain_for_dev*), as the kernel does. */
    public void setCore(org.smmubench.iommu.IommuCore core) { this.core = core; }

    public org.smmubench.iommu.IommuCore core() { return core; }
}
