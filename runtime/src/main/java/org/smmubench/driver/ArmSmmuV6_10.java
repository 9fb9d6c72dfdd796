package org.smmubench.driver;

import org.smmubench.hw.field.Cd;
import org.smmubench.hw.field.Pte;
import org.smmubench.hw.field.Ste;
import org.smmubench.iommu.Device;
import org.smmubench.kernel.Errno;
import org.smmubench.kernel.Frame;
import org.smmubench.mm.MmWorld;

/**
 * arm-smmu-v3.c's attach, detach, release and ATS enable as v6.10 has them: every STE is made
 * by a make function and installed with arm_smmu_write_ste (6.9, 7da51af9 and the series
 * around it), CD 0 is made by arm_smmu_make_s1_cd and written with arm_smmu_write_cd_entry
 * (78a5fbe8, e9d1e4ff), and attach allocates the CD slot before any lock (13abe4fa).
 *
 * <p>Read: torvalds/linux arm-smmu-v3.c at 7b87c93c8b86 (the 6.10 merge, after alloc_cd_ptr and
 * 13abe4fa): arm_smmu_attach_dev, arm_smmu_detach_dev, arm_smmu_attach_dev_ste and the
 * identity/blocked attaches, arm_smmu_release_device, arm_smmu_enable_ats (86e5ca09's
 * master-only ATC invalidation), arm_smmu_install_ste_for_dev. Later 6.10 commits to this file
 * (04905c17, the KUnit ones) do not change these functions' behaviour as far as their messages
 * say; the v6.10 tag itself was not read.
 */
public class ArmSmmuV6_10 extends ArmSmmuFunctions {
    static final EntryGeneration GEN = EntryGeneration.V6_10;
    protected final StrtabEntryCode steWriter;
    protected final CdEntryCode cds;
    /** The entry-writer generation of this release (a later release passes its own). */
    protected final EntryGeneration gen;

    /**
     * What arm_smmu_make_sva_cd reads from the CPU: ID_AA64MMFR0_EL1.PARange for the model's PA
     * size, vabits_actual, PAGE_SIZE and MAIR_EL1, as the model's mm has them.
     */
    public static final CdMake.CpuMmu CPU = new CdMake.CpuMmu(CdTcr.ipsCode(MmWorld.PA_BITS), MmWorld.VA_BITS,
            (int) Pte.PAGE_SIZE, MmWorld.MAIR_EL1);

    public ArmSmmuV6_10(ArmSmmuV3 drv) { this(drv, GEN); }

    protected ArmSmmuV6_10(ArmSmmuV3 drv, EntryGeneration gen) {
        super(drv);
        this.gen = gen;
        this.steWriter = new StrtabEntryCode(k, gen);
        this.cds = new CdEntryCode(k, drv.cdCode, gen);
    }

    /** The domain's io-pgtable configuration as arm_smmu_make_s1_cd reads it (arm_lpae_s1_cfg). */
    static CdMake.S1Domain s1Domain(ArmSmmuDomain d) {
        return new CdMake.S1Domain(d.cd.asid, d.pgtbl.dma(), CdTcr.ipsCode(d.smmu.oasBits), Cd.TG0_4K, CdTcr.SH_IS,
                CdTcr.RGN_WBWA, CdTcr.RGN_WBWA, 64 - MmWorld.VA_BITS, ArmSmmuV3.IO_PGTABLE_MAIR, false);
    }

    /** The CD-table functions of this release (arm_smmu_alloc_cd_ptr, arm_smmu_write_cd_entry, ...), for the SVA file. */
    public CdEntryCode cds() { return cds; }

    /** arm_smmu_make_s1_cd for a domain and master, as the release's generation has it. */
    public static long[] makeS1Cd(ArmSmmuMaster master, ArmSmmuDomain d) {
        long[] target = new long[Cd.DWORDS];
        CdMake.makeS1Cd(GEN, target, EntryMaster.of(master), s1Domain(d));
        return target;
    }

    /** arm_smmu_install_ste_for_dev (6.9+): the same target STE into every stream, skipping PCI alias duplicates. */
    protected void installSteForDev(ArmSmmuMaster master, long[] target) {
        try (Frame f = k.enter("arm_smmu_install_ste_for_dev")) {
            for (int i = 0; i < master.streams.size(); i++) {
                int sid = master.streams.get(i).id();
                boolean dup = false;
                for (int j = 0; j < i; j++) dup |= master.streams.get(j).id() == sid;
                if (dup) continue;
                steWriter.writeSte(master, sid, StrtabCode.getStepForSid(master.smmu, sid), target);
            }
        }
    }

    /**
     * arm_smmu_attach_dev (v6.10): finalise, allocate CD 0's slot (may sleep: no lock held),
     * then under arm_smmu_asid_lock detach from the old domain, join the new one's list, write
     * CD 0 and then the STE that points at the table, and enable ATS.
     */
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
            if (d.stage == ArmSmmuDomain.Stage.BYPASS) {
                // arm_smmu_attach_dev_identity: the global identity domain is no arm_smmu_domain
                // with a devices list; it only installs a bypass STE (and clears CD 0). Its
                // arm_smmu_detach_dev leaves master->domain NULL and nothing sets it again: an
                // identity-attached master points at no domain (which is what domain-devices
                // expects). The model still allocates a BYPASS arm_smmu_domain per group where
                // v6.10 has one static identity domain; only its type is read.
                long[] bypass = new long[Ste.DWORDS];
                SteMake.makeBypassSte(master.smmu.features, bypass);
                attachDevSte(master, bypass);
                return 0;
            }
            long cdptr = 0;
            if (d.stage == ArmSmmuDomain.Stage.S1) {
                cdptr = cds.allocCdPtr(master, CdCode.IOMMU_NO_PASID);
                if (cdptr == 0) return -Errno.ENOMEM;
            }
            // Keeps arm_smmu_share_asid from moving this domain's ASID while its CD is written.
            drv.asidLock.lock();
            try {
                drv.detachDev(master);
                master.domain = d;
                master.atsEnabled = drv.atsSupported(master);
                long flags = d.devicesLock.lockIrqsave();
                d.devices.add(0, master);
                d.devicesLock.unlockIrqrestore(flags);
                // Stage 2 domains are not modelled (domain_alloc makes S1 or BYPASS only).
                long[] ste = new long[Ste.DWORDS];
                cds.writeCdEntry(master, CdCode.IOMMU_NO_PASID, cdptr, makeS1Cd(master, d));
                SteMake.makeCdtableSte(gen, ste, EntryMaster.of(master), master.atsEnabled, Ste.S1DSS_SSID0);
                installSteForDev(master, ste);
                drv.enableAts(master);
                return 0;
            } finally {
                drv.asidLock.unlock();
            }
        }
    }

    /** arm_smmu_detach_dev (6.9+): ATS off and off the old domain's list; the STE and CD are left to the next attach. */
    @Override
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
        }
    }

    /**
     * arm_smmu_release_device (6.9+): the blocked domain's abort STE through
     * arm_smmu_attach_dev_ste (detach, install, then CD 0 cleared), then the master goes away.
     * "iommu.passthrough"/require_direct (an identity STE instead) is not modelled.
     */
    @Override
    protected void releaseDevice(Device dev) {
        try (Frame f = k.enter("arm_smmu_release_device")) {
            ArmSmmuMaster master = ArmSmmuV3.master(dev);
            k.warnOn(drv.sva().masterSvaEnabled(master), "arm_smmu_release_device: SVA still enabled on " + dev.name());
            attachDevSte(master, abortSte());
            StrtabCode.removeMaster(k, master);
            if (master.cdTable.cdtab != null) drv.cdCode.freeCdTables(master);
            master.live = false;
            dev.iommuPriv = null;
            k.kfree(master);
        }
    }

    @Override
    protected boolean hasBlockedDomain() { return true; }

    /** arm_smmu_attach_dev_blocked (6.9+): the abort STE through arm_smmu_attach_dev_ste. */
    @Override
    protected int attachDevBlocked(org.smmubench.iommu.IommuDomain blocked, Device dev) {
        try (Frame f = k.enter("arm_smmu_attach_dev_blocked")) {
            attachDevSte(ArmSmmuV3.master(dev), abortSte());
            return 0;
        }
    }

    static long[] abortSte() {
        long[] ste = new long[Ste.DWORDS];
        SteMake.makeAbortSte(ste);
        return ste;
    }

    /** arm_smmu_attach_dev_ste: the global blocked/identity domains' attach. */
    protected void attachDevSte(ArmSmmuMaster master, long[] ste) {
        try (Frame f = k.enter("arm_smmu_attach_dev_ste")) {
            // Refused while SVA is enabled: at release (which WARNs about it first) the STE stays.
            if (drv.sva().masterSvaEnabled(master)) return;
            drv.asidLock.lock();
            try {
                drv.detachDev(master);
                installSteForDev(master, ste);
            } finally {
                drv.asidLock.unlock();
            }
            // After leaving the domain's list, so share_asid cannot rewrite CD 0 meanwhile.
            cds.clearCd(master, CdCode.IOMMU_NO_PASID);
        }
    }

    /** arm_smmu_enable_ats (6.10, 86e5ca09): only this master's ATC is invalidated. */
    @Override
    protected void enableAts(ArmSmmuMaster master) {
        try (Frame f = k.enter("arm_smmu_enable_ats")) {
            if (!master.atsEnabled) return;
            master.domain.nrAtsMasters++;
            drv.invCode.atcInvMaster(master);
            master.dev.pciAtsEnabled = true;
        }
    }
}
