package org.smmubench.driver.sva;

import java.util.List;

import org.smmubench.driver.ArmSmmuDevice;
import org.smmubench.driver.ArmSmmuDomain;
import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.CdCode;
import org.smmubench.driver.CdTcr;
import org.smmubench.driver.CtxDesc;
import org.smmubench.driver.Feature;
import org.smmubench.driver.InvCode;
import org.smmubench.driver.SvaOps;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.DomainOps;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.kernel.Errno;
import org.smmubench.kernel.ErrPtr;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.FunctionTable;
import org.smmubench.kernel.Gfp;
import org.smmubench.kernel.Kernel;
import org.smmubench.kernel.Mutex;
import org.smmubench.kernel.Patchable;
import org.smmubench.mm.Mm;
import org.smmubench.mm.MmWorld;

/**
 * arm-smmu-v3-sva.c: the shared CD and its ASID, mm_release,
 * invalidate_secondary_tlbs, the SVA domain, and SVA enable. The functions that modelled
 * upstream commits change live in {@link SvaFunctions} (v6.8's versions) and in one class per
 * commit that overrides exactly those; a kernel tree installs them in {@link #functions()}, and
 * the methods here that carry their kernel name call whichever version the tree runs.
 */
public class ArmSmmuSva implements SvaOps, Patchable<SvaFunctions> {
    protected final Kernel k;
    protected final ArmSmmuV3 drv;
    protected final MmWorld mmWorld;
    /** sva_lock: serialises bind, unbind and mm_release, and guards bonds and notifier lists. */
    protected final Mutex svaLock;
    private final FunctionTable<SvaFunctions> functions;

    public ArmSmmuSva(Kernel k, ArmSmmuV3 drv, MmWorld mmWorld) {
        this.k = k;
        this.drv = drv;
        this.mmWorld = mmWorld;
        this.svaLock = k.mutex("sva_lock");
        this.functions = new FunctionTable<>(new SvaFunctions(this));
    }

    @Override
    public FunctionTable<SvaFunctions> functions() { return functions; }

    protected CdCode cdCode() { return drv.cdCode; }

    protected InvCode inv() { return drv.invCode; }

    // ------------------------------------------------------------ the SVA domain (6.8: a bare iommu_domain)

    private final DomainOps svaDomainOps = new DomainOps() {
        @Override
        public boolean hasSetDevPasid() { return true; }

        @Override
        public int setDevPasid(IommuDomain dom, Device dev, int pasid) { return svaSetDevPasid(dom, dev, pasid); }

        @Override
        public void free(IommuDomain dom) { svaDomainFree(dom); }
    };

    /** arm_smmu_sva_domain_alloc. */
    @Override
    public IommuDomain svaDomainAlloc() {
        try (Frame f = k.enter("arm_smmu_sva_domain_alloc")) {
            int id = drv.nextDomainId();
            IommuDomain d = k.kzalloc("kzalloc.sva_domain", null, Gfp.GFP_KERNEL, () -> new IommuDomain(id));
            if (d == null) return null;
            d.ops = svaDomainOps;
            return d;
        }
    }

    /** arm_smmu_sva_domain_alloc(dev, mm), the domain_alloc_sva op (6.11+), as the tree has it. */
    @Override
    public ErrPtr<IommuDomain> svaDomainAllocSva(Device dev, Mm mm) {
        return functions.get("arm_smmu_sva_domain_alloc").svaDomainAlloc(dev, mm);
    }

    /** arm_smmu_sva_domain_free. */
    private void svaDomainFree(IommuDomain d) {
        try (Frame f = k.enter("arm_smmu_sva_domain_free")) {
            k.kfree(d);
        }
    }

    // ------------------------------------------------------------ the functions commits replace (SvaFunctions)

    /** arm_smmu_sva_set_dev_pasid, as the tree has it. */
    protected int svaSetDevPasid(IommuDomain domain, Device dev, int id) {
        return functions.get("arm_smmu_sva_set_dev_pasid").svaSetDevPasid(domain, dev, id);
    }

    /** arm_smmu_sva_remove_dev_pasid, as the tree has it. */
    @Override
    public void svaRemoveDevPasid(IommuDomain domain, Device dev, int id) {
        functions.get("arm_smmu_sva_remove_dev_pasid").svaRemoveDevPasid(domain, dev, id);
    }

    /** __arm_smmu_sva_bind, as the tree has it (the PASID argument arrived with b5bf7778). */
    protected int armSmmuSvaBind(Device dev, int pasid, Mm mm) {
        return functions.get("__arm_smmu_sva_bind").armSmmuSvaBind(dev, pasid, mm);
    }

    /** arm_smmu_mmu_notifier_get, as the tree has it. */
    protected ErrPtr<ArmSmmuMmuNotifier> mmuNotifierGet(ArmSmmuDomain smmuDomain, Mm mm, String device) {
        return functions.get("arm_smmu_mmu_notifier_get").mmuNotifierGet(smmuDomain, mm, device);
    }

    /** arm_smmu_mmu_notifier_put, as the tree has it. */
    protected void mmuNotifierPut(ArmSmmuMmuNotifier smmuMn) {
        functions.get("arm_smmu_mmu_notifier_put").mmuNotifierPut(smmuMn);
    }

    // ------------------------------------------------------------ helpers every version calls

    /**
     * arm_smmu_update_ctx_desc_devices: rewrite the CD at {@code ssid} in every master of the
     * RID domain, under devices_lock. Only meant for CDs that already exist; if a leaf is
     * missing, arm_smmu_write_ctx_desc allocates under the spinlock (I1).
     */
    protected void updateCtxDescDevices(ArmSmmuDomain smmuDomain, int ssid, CtxDesc cd) {
        try (Frame f = k.enter("arm_smmu_update_ctx_desc_devices")) {
            long flags = smmuDomain.devicesLock.lockIrqsave();
            try {
                for (ArmSmmuMaster master : List.copyOf(smmuDomain.devices)) cdCode().writeCtxDesc(master, ssid, cd);
            } finally {
                smmuDomain.devicesLock.unlockIrqrestore(flags);
            }
        }
    }

    /** arm_smmu_share_asid, as the tree has it. */
    protected ErrPtr<CtxDesc> shareAsid(Mm mm, int asid) { return functions.get("arm_smmu_share_asid").shareAsid(mm, asid); }

    /** arm_smmu_alloc_shared_cd: the mm's CD with the CPU's pinned ASID. */
    protected ErrPtr<CtxDesc> allocSharedCd(Mm mm, String device) {
        try (Frame f = k.enter("arm_smmu_alloc_shared_cd")) {
            svaLock.assertHeld();
            mm.mmgrab();
            int asid = mmWorld.arm64MmContextGet(mm, device);
            if (asid == 0) {
                mm.mmdrop();
                return ErrPtr.err(-Errno.ESRCH);
            }
            CtxDesc cd = k.kzalloc("kzalloc.cd", device, Gfp.GFP_KERNEL, CtxDesc::new);
            if (cd == null) {
                mmWorld.arm64MmContextPut(mm);
                mm.mmdrop();
                return ErrPtr.err(-Errno.ENOMEM);
            }
            cd.refs = 1;
            drv.asidLock.lock();
            ErrPtr<CtxDesc> ret = shareAsid(mm, asid);
            if (ret.isErr() || ret.get() != null) {
                drv.asidLock.unlock();
                k.kfree(cd);
                mmWorld.arm64MmContextPut(mm);
                mm.mmdrop();
                return ret;
            }
            int err = drv.asidXa.insert("xa_insert.asid", device, asid, cd, Gfp.GFP_KERNEL);
            drv.asidLock.unlock();
            if (err != 0) {
                drv.freeAsid(cd);
                k.kfree(cd);
                mmWorld.arm64MmContextPut(mm);
                mm.mmdrop();
                return ErrPtr.err(err);
            }
            cd.tcr = CdTcr.build(MmWorld.VA_BITS, MmWorld.PA_BITS);
            cd.ttbr = mm.pgdPhys();
            cd.mair = MmWorld.MAIR_EL1;
            cd.asid = asid;
            cd.mm = mm;
            return ErrPtr.of(cd);
        }
    }

    /** arm_smmu_free_shared_cd: the last reference unpins the CPU ASID and drops the mm. */
    protected void freeSharedCd(CtxDesc cd) {
        try (Frame f = k.enter("arm_smmu_free_shared_cd")) {
            if (drv.freeAsid(cd)) {
                mmWorld.arm64MmContextPut(cd.mm);
                cd.mm.mmdrop();
                k.kfree(cd);
            }
        }
    }

    /** A new notifier for (smmuDomain, mm), or ERR_PTR; the common head of arm_smmu_mmu_notifier_get. */
    protected ArmSmmuMmuNotifier newNotifier(ArmSmmuDomain smmuDomain, CtxDesc cd, String device) {
        ArmSmmuMmuNotifier smmuMn = k.kzalloc("kzalloc.notifier", device, Gfp.GFP_KERNEL, () -> new ArmSmmuMmuNotifier(this));
        if (smmuMn == null) return null;
        smmuMn.refs = 1;
        smmuMn.cd = cd;
        smmuMn.domain = smmuDomain;
        return smmuMn;
    }

    /** The notifier already tracking {@code mm} on this RID domain, if any. */
    protected static ArmSmmuMmuNotifier findNotifier(ArmSmmuDomain smmuDomain, Mm mm) {
        for (Object o : smmuDomain.mmuNotifiers) {
            ArmSmmuMmuNotifier mn = (ArmSmmuMmuNotifier) o;
            if (mn.mm() == mm) return mn;
        }
        return null;
    }

    /** The bond of (master, mm), or null. */
    protected static ArmSmmuBond findBond(ArmSmmuMaster master, Mm mm) {
        for (Object o : master.bonds) {
            ArmSmmuBond b = (ArmSmmuBond) o;
            if (b.mm == mm) return b;
        }
        return null;
    }

    // ------------------------------------------------------------ mmu notifier ops

    /** arm_smmu_mm_arch_invalidate_secondary_tlbs, in the tree's version. */
    protected void mmArchInvalidateSecondaryTlbs(ArmSmmuMmuNotifier smmuMn, Mm mm, long start, long end) {
        functions.get("arm_smmu_mm_arch_invalidate_secondary_tlbs").mmArchInvalidateSecondaryTlbs(smmuMn, mm, start, end);
    }

    /** arm_smmu_mm_release, as the tree has it. */
    protected void mmRelease(ArmSmmuMmuNotifier smmuMn, Mm mm) { functions.get("arm_smmu_mm_release").mmRelease(smmuMn, mm); }

    /** arm_smmu_mmu_notifier_free: the SRCU callback. */
    protected void mmuNotifierFree(ArmSmmuMmuNotifier smmuMn) {
        try (Frame f = k.enter("arm_smmu_mmu_notifier_free")) {
            k.kfree(smmuMn);
        }
    }

    // ------------------------------------------------------------ SVA enable (arm-smmu-v3-sva.c tail)

    /** arm_smmu_master_sva_supported: the SMMU can do SVA and the master has substreams. */
    @Override
    public boolean masterSvaSupported(ArmSmmuMaster master) {
        try (Frame f = k.enter("arm_smmu_master_sva_supported")) {
            return master.smmu.has(Feature.SVA) && master.ssidBits > 0;
        }
    }

    /** arm_smmu_master_sva_enabled: read under sva_lock. */
    @Override
    public boolean masterSvaEnabled(ArmSmmuMaster master) {
        try (Frame f = k.enter("arm_smmu_master_sva_enabled")) {
            svaLock.lock();
            try {
                return master.svaEnabled;
            } finally {
                svaLock.unlock();
            }
        }
    }

    /** arm_smmu_master_enable_sva (no stall: no IOPF queue to join). */
    @Override
    public int masterEnableSva(ArmSmmuMaster master) {
        try (Frame f = k.enter("arm_smmu_master_enable_sva")) {
            svaLock.lock();
            try {
                master.svaEnabled = true;
                return 0;
            } finally {
                svaLock.unlock();
            }
        }
    }

    /** arm_smmu_master_disable_sva: refused while bonds remain (I9). */
    @Override
    public int masterDisableSva(ArmSmmuMaster master) {
        try (Frame f = k.enter("arm_smmu_master_disable_sva")) {
            svaLock.lock();
            try {
                if (!master.bonds.isEmpty()) {
                    k.trace("arm-smmu-v3 " + master.dev.name() + ": cannot disable SVA, device is bound");
                    return -Errno.EBUSY;
                }
                master.svaEnabled = false;
                return 0;
            } finally {
                svaLock.unlock();
            }
        }
    }
}
