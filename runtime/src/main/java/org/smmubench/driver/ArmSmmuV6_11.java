package org.smmubench.driver;

import org.smmubench.hw.field.Ste;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.iommu.IommuDomainType;
import org.smmubench.kernel.Errno;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Gfp;
import org.smmubench.kernel.KernelFunction;

/**
 * arm-smmu-v3.c as v6.11 has it (Jason Gunthorpe's 6.11 series): a domain's devices list holds
 * allocated (master, ssid) entries (ad10dce6, 64efb3de); every attach runs
 * arm_smmu_attach_prepare (entry allocated before devices_lock, nr_ats_masters counted, ATS
 * turned off early), installs the STE, then arm_smmu_attach_commit (ATS on or ATC flushed, the
 * old domain's entry removed) under arm_smmu_asid_lock (7497f421); a PASID is attached through
 * arm_smmu_set_pasid (85f2fb6e, 49db2ed2); used_ssids, not sva_enabled, decides whether the STE
 * must stay a CD-table one (be7c90de, ce26ea9e); remove_dev_pasid gets the domain (d2f85a26).
 *
 * <p>Read: arm-smmu-v3.c in maade93791/kernel_common-6.12 @ 0c10203ea93f (an Android 6.12
 * tree): arm_smmu_find_master_domain, to_smmu_domain_devices, arm_smmu_remove_master_domain,
 * arm_smmu_attach_prepare, arm_smmu_attach_commit, arm_smmu_attach_dev, arm_smmu_update_ste,
 * arm_smmu_set_pasid, arm_smmu_remove_dev_pasid, arm_smmu_attach_dev_ste and the identity and
 * blocked attaches. That copy already has 685ca577b408 (stable backport): commit removes the
 * old entry before it updates ats_enabled. v6.11 as released had the opposite order (the fix's
 * message: "updated master->ats_enabled before arm_smmu_remove_master_domain()"), which is what
 * {@link #attachCommit} runs here. Not read in a 6.11 text: arm_smmu_install_ste_for_dev
 * recording in_ste/ste_ats_enabled, arm_smmu_enable_ats without the counter, and
 * arm_smmu_release_device going through the blocked domain (their 6.11 shape is from the 6.11
 * series as the reference describes it). The v6.11 tag itself was not read.
 */
public class ArmSmmuV6_11 extends ArmSmmuV6_10 {
    static final EntryGeneration GEN = EntryGeneration.V6_11;

    public ArmSmmuV6_11(ArmSmmuV3 drv) { super(drv, GEN); }

    /** A later release's version of this file, on its own entry-writer generation. */
    protected ArmSmmuV6_11(ArmSmmuV3 drv, EntryGeneration gen) { super(drv, gen); }

    /** This tree's version of a 6.11 function (a commit on v6.11 subclasses this class). */
    protected ArmSmmuV6_11 fn(String kernelFunction) { return (ArmSmmuV6_11) drv.functions().get(kernelFunction); }

    /** struct arm_smmu_attach_state. */
    protected static final class AttachState {
        IommuDomain oldDomain;
        final ArmSmmuMaster master;
        boolean cdNeedsAts;
        final int ssid;
        /** The resulting state: the STE is to have EATS=TRANS. */
        boolean atsEnabled;

        AttachState(ArmSmmuMaster master, IommuDomain oldDomain, int ssid) {
            this.master = master;
            this.oldDomain = oldDomain;
            this.ssid = ssid;
        }
    }

    /** arm_smmu_make_s1_cd with this release's generation. */
    long[] s1Cd(ArmSmmuMaster master, ArmSmmuDomain d) {
        long[] target = new long[org.smmubench.hw.field.Cd.DWORDS];
        CdMake.makeS1Cd(gen, target, EntryMaster.of(master), s1Domain(d));
        return target;
    }

    /**
     * to_smmu_domain_devices: a domain that keeps a devices list (paging or SVA), else null. The
     * model's identity domain is an arm_smmu_domain in BYPASS; the kernel's is the global static
     * identity domain, which is not paging, so both give null.
     */
    static ArmSmmuDomain toSmmuDomainDevices(IommuDomain domain) {
        if (!(domain instanceof ArmSmmuDomain d)) return null;
        if (d.type == IommuDomainType.IDENTITY || d.stage == ArmSmmuDomain.Stage.BYPASS) return null;
        return d;
    }

    /** arm_smmu_ssids_in_use. */
    static boolean ssidsInUse(CdTableCfg t) { return t.usedSsids != 0; }

    /** arm_smmu_find_master_domain (devices_lock held). */
    static ArmSmmuMasterDomain findMasterDomain(ArmSmmuDomain d, ArmSmmuMaster master, int ssid) {
        d.devicesLock.assertHeld();
        for (ArmSmmuMasterDomain md : d.masterDomains) if (md.master == master && md.ssid == ssid) return md;
        return null;
    }

    /** arm_smmu_remove_master_domain: drop (master, ssid) from the domain's list, uncounting ATS as the master has it now. */
    @KernelFunction("arm_smmu_remove_master_domain")
    protected void removeMasterDomain(ArmSmmuMaster master, IommuDomain domain, int ssid) {
        try (Frame f = k.enter("arm_smmu_remove_master_domain")) {
            ArmSmmuDomain d = toSmmuDomainDevices(domain);
            if (d == null) return;
            long flags = d.devicesLock.lockIrqsave();
            try {
                ArmSmmuMasterDomain md = findMasterDomain(d, master, ssid);
                if (md != null) {
                    d.removeMasterDomain(md);
                    k.kfree(md);
                    if (master.atsEnabled) d.nrAtsMasters--;
                }
            } finally {
                d.devicesLock.unlockIrqrestore(flags);
            }
        }
    }

    /**
     * arm_smmu_attach_prepare: decide ATS, put a new (master, ssid) entry on the new domain's
     * list before any hardware changes (both old and new domain then invalidate the master),
     * and turn the endpoint's ATS off first when it is going off.
     */
    @KernelFunction("arm_smmu_attach_prepare")
    protected int attachPrepare(AttachState state, IommuDomain newDomain) {
        try (Frame f = k.enter("arm_smmu_attach_prepare")) {
            ArmSmmuMaster master = state.master;
            ArmSmmuDomain d = toSmmuDomainDevices(newDomain);
            drv.asidLock.assertHeld();
            // A bypass/abort STE cannot do ATS; a CD table with S1DSS can.
            if (d != null || state.cdNeedsAts) state.atsEnabled = drv.atsSupported(master);
            if (d != null) {
                // Not a failure-injection site (yet): its -ENOMEM path is modelled but not provoked.
                ArmSmmuMasterDomain md = k.kzalloc(null, master.dev.name(), Gfp.GFP_KERNEL,
                        () -> new ArmSmmuMasterDomain(master, state.ssid));
                if (md == null) return -Errno.ENOMEM;
                long flags = d.devicesLock.lockIrqsave();
                try {
                    if (state.atsEnabled) d.nrAtsMasters++;
                    d.addMasterDomain(md);
                } finally {
                    d.devicesLock.unlockIrqrestore(flags);
                }
            }
            if (!state.atsEnabled && master.atsEnabled) master.dev.pciAtsEnabled = false;
            return 0;
        }
    }

    /**
     * arm_smmu_attach_commit (v6.11, before 685ca577b408): ATS on, or the ATC flushed for the
     * changed translation; then ats_enabled takes the new value and only then is the old
     * domain's entry removed, so its nr_ats_masters is uncounted by the new value.
     */
    @KernelFunction("arm_smmu_attach_commit")
    protected void attachCommit(AttachState state) {
        try (Frame f = k.enter("arm_smmu_attach_commit")) {
            flushAtsForCommit(state);
            state.master.atsEnabled = state.atsEnabled;
            fn("arm_smmu_remove_master_domain").removeMasterDomain(state.master, state.oldDomain, state.ssid);
        }
    }

    /** The head of arm_smmu_attach_commit, which 685ca577b408 did not change. */
    protected void flushAtsForCommit(AttachState state) {
        drv.asidLock.assertHeld();
        ArmSmmuMaster master = state.master;
        if (state.atsEnabled && !master.atsEnabled) {
            drv.enableAts(master);
        } else if (state.atsEnabled && master.atsEnabled) {
            // Both domains invalidate the master until the entry goes; flush what it cached.
            drv.invCode.atcInvMaster(master, state.ssid);
        } else if (!state.atsEnabled && master.atsEnabled) {
            drv.invCode.atcInvMaster(master, CdCode.IOMMU_NO_PASID);
        }
    }

    /** arm_smmu_enable_ats (6.11): the counter moved to prepare; flush the whole ATC, then enable ATS at the endpoint. */
    @Override
    protected void enableAts(ArmSmmuMaster master) {
        try (Frame f = k.enter("arm_smmu_enable_ats")) {
            drv.invCode.atcInvMaster(master, CdCode.IOMMU_NO_PASID);
            master.dev.pciAtsEnabled = true;
        }
    }

    /** arm_smmu_install_ste_for_dev (6.11): as 6.10, and records whether the STE uses the CD table and has EATS. */
    @Override
    protected void installSteForDev(ArmSmmuMaster master, long[] target) {
        master.cdTable.inSte = Ste.CONFIG.get(target) == Ste.CONFIG_S1_TRANS;
        master.steAtsEnabled = Ste.EATS.get(target) == Ste.EATS_TRANS;
        super.installSteForDev(master, target);
    }

    /**
     * arm_smmu_attach_dev (v6.11): finalise, allocate CD 0's slot (no lock held), then under
     * arm_smmu_asid_lock prepare, write CD 0 and the CD-table STE (S1DSS=SSID0), and commit.
     * The identity domain goes through arm_smmu_attach_dev_identity. The old domain is the
     * group's current one (iommu_get_domain_for_dev), also when the core attaches a device
     * joining a group at probe: old and new are then the same domain, and commit removes the
     * entry prepare just added, as the kernel does (examples/groups/platform-group-of-two.yaml).
     */
    @Override
    protected int attachDev(ArmSmmuDomain d, Device dev) {
        if (d.stage == ArmSmmuDomain.Stage.BYPASS) return attachDevIdentity(d, dev);
        try (Frame f = k.enter("arm_smmu_attach_dev")) {
            ArmSmmuMaster master = ArmSmmuV3.master(dev);
            if (master == null) return -Errno.ENOENT;
            AttachState state = new AttachState(master, drv.core().iommuGetDomainForDev(dev), CdCode.IOMMU_NO_PASID);
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
            // Stage 2 domains are not modelled (their "-EBUSY while SSIDs are in use" neither).
            long cdptr = cds.allocCdPtr(master, CdCode.IOMMU_NO_PASID);
            if (cdptr == 0) return -Errno.ENOMEM;
            drv.asidLock.lock();
            try {
                int ret = fn("arm_smmu_attach_prepare").attachPrepare(state, d);
                if (ret != 0) return ret;
                master.domain = d;
                cds.writeCdEntry(master, CdCode.IOMMU_NO_PASID, cdptr, s1Cd(master, d));
                long[] ste = new long[Ste.DWORDS];
                SteMake.makeCdtableSte(gen, ste, EntryMaster.of(master), state.atsEnabled, Ste.S1DSS_SSID0);
                installSteForDev(master, ste);
                fn("arm_smmu_attach_commit").attachCommit(state);
                return 0;
            } finally {
                drv.asidLock.unlock();
            }
        }
    }

    /** arm_smmu_attach_dev_identity: a bypass STE, or a CD-table STE with S1DSS=BYPASS while PASIDs are in use. */
    private int attachDevIdentity(ArmSmmuDomain d, Device dev) {
        try (Frame f = k.enter("arm_smmu_attach_dev_identity")) {
            ArmSmmuMaster master = ArmSmmuV3.master(dev);
            long[] bypass = new long[Ste.DWORDS];
            SteMake.makeBypassSte(master.smmu.features, bypass);
            attachDevSte(d, master, bypass, Ste.S1DSS_BYPASS);
            // The identity domain keeps no devices list (to_smmu_domain_devices gives null), so
            // no list holds the master: the model's master->domain is none, as on v6.10.
            master.domain = null;
            return 0;
        }
    }

    /**
     * arm_smmu_attach_dev_ste (v6.11): with SSIDs in use the STE must stay a CD-table one (with
     * {@code s1dss} for the RID, and ATS kept possible), else the given STE; prepare, install
     * and commit under arm_smmu_asid_lock, then CD 0 is cleared.
     */
    protected void attachDevSte(IommuDomain domain, ArmSmmuMaster master, long[] ste, int s1dss) {
        try (Frame f = k.enter("arm_smmu_attach_dev_ste")) {
            AttachState state = new AttachState(master, drv.core().iommuGetDomainForDev(master.dev), CdCode.IOMMU_NO_PASID);
            drv.asidLock.lock();
            try {
                if (ssidsInUse(master.cdTable)) {
                    state.cdNeedsAts = true;
                    fn("arm_smmu_attach_prepare").attachPrepare(state, domain);
                    SteMake.makeCdtableSte(gen, ste, EntryMaster.of(master), state.atsEnabled, s1dss);
                } else {
                    fn("arm_smmu_attach_prepare").attachPrepare(state, domain);
                }
                installSteForDev(master, ste);
                fn("arm_smmu_attach_commit").attachCommit(state);
            } finally {
                drv.asidLock.unlock();
            }
            cds.clearCd(master, CdCode.IOMMU_NO_PASID);
        }
    }

    /**
     * arm_smmu_attach_dev_blocked (v6.11): an abort STE, or a CD-table STE with S1DSS=TERMINATE
     * while PASIDs are in use; the blocked domain keeps no devices list, so the master is on none.
     */
    @Override
    protected int attachDevBlocked(IommuDomain blocked, Device dev) {
        try (Frame f = k.enter("arm_smmu_attach_dev_blocked")) {
            ArmSmmuMaster master = ArmSmmuV3.master(dev);
            attachDevSte(blocked, master, abortSte(), Ste.S1DSS_TERMINATE);
            master.domain = null;
            return 0;
        }
    }

    /** The 6.10 attach_dev_ste is not called on this release (every caller passes the domain and S1DSS). */
    @Override
    protected void attachDevSte(ArmSmmuMaster master, long[] ste) {
        attachDevSte(null, master, ste, Ste.S1DSS_TERMINATE);
    }

    /**
     * arm_smmu_release_device (v6.11): the blocked domain's attach (an abort STE, or a CD-table
     * STE with S1DSS=TERMINATE while PASIDs are in use), which also takes the master off its RID
     * domain's list; then the master goes. A WARN if SVA is still enabled.
     */
    @Override
    protected void releaseDevice(Device dev) {
        try (Frame f = k.enter("arm_smmu_release_device")) {
            ArmSmmuMaster master = ArmSmmuV3.master(dev);
            k.warnOn(drv.sva().masterSvaEnabled(master), "arm_smmu_release_device: SVA still enabled on " + dev.name());
            try (Frame g = k.enter("arm_smmu_attach_dev_blocked")) {
                attachDevSte(null, master, abortSte(), Ste.S1DSS_TERMINATE);
            }
            master.domain = null;
            StrtabCode.removeMaster(k, master);
            if (master.cdTable.cdtab != null) drv.cdCode.freeCdTables(master);
            master.live = false;
            dev.iommuPriv = null;
            k.kfree(master);
        }
    }

    /** There is no arm_smmu_detach_dev in 6.11: attach_commit removes the old entry. Nothing on this release calls it. */
    @Override
    protected void detachDev(ArmSmmuMaster master) {
        throw new IllegalStateException("arm_smmu_detach_dev does not exist in v6.11");
    }

    /**
     * arm_smmu_update_ste: when the STE does not yet use the CD table (IDENTITY or BLOCKED RID),
     * or its EATS must change, install a CD-table STE with the RID's S1DSS. Hitless.
     */
    protected void updateSte(ArmSmmuMaster master, IommuDomain sidDomain, boolean atsEnabled) {
        try (Frame f = k.enter("arm_smmu_update_ste")) {
            if (master.cdTable.inSte && master.steAtsEnabled == atsEnabled) return;
            int s1dss = Ste.S1DSS_TERMINATE;
            if (sidDomain != null && sidDomain.type == IommuDomainType.IDENTITY) s1dss = Ste.S1DSS_BYPASS;
            else k.warnOn(sidDomain != null && sidDomain.type != IommuDomainType.BLOCKED,
                    "arm_smmu_update_ste: RID domain is " + sidDomain);
            long[] ste = new long[Ste.DWORDS];
            SteMake.makeCdtableSte(gen, ste, EntryMaster.of(master), atsEnabled, s1dss);
            installSteForDev(master, ste);
        }
    }

    /**
     * arm_smmu_set_pasid (v6.11): the RID must already use the CD table or be IDENTITY/BLOCKED;
     * the CD slot is allocated before any lock; under arm_smmu_asid_lock the (master, pasid)
     * entry joins the domain, the CD (its ASID refreshed under the lock) is written, the STE
     * upgraded if needed, and the attach committed. {@code cd} is the caller's target CD.
     */
    @KernelFunction("arm_smmu_set_pasid")
    public int setPasid(ArmSmmuMaster master, ArmSmmuDomain smmuDomain, int pasid, long[] cd) {
        try (Frame f = k.enter("arm_smmu_set_pasid")) {
            IommuDomain sidDomain = drv.core().iommuGetDomainForDev(master.dev);
            // The core has nothing at this PASID, so there is no old domain.
            AttachState state = new AttachState(master, null, pasid);
            if (smmuDomain.smmu != master.smmu) return -Errno.EINVAL;
            if (!master.cdTable.inSte && sidDomain != null && sidDomain.type != IommuDomainType.IDENTITY
                    && sidDomain.type != IommuDomainType.BLOCKED) {
                return -Errno.EINVAL;
            }
            long cdptr = cds.allocCdPtr(master, pasid);
            if (cdptr == 0) return -Errno.ENOMEM;
            drv.asidLock.lock();
            try {
                int ret = fn("arm_smmu_attach_prepare").attachPrepare(state, smmuDomain);
                if (ret != 0) return ret;
                org.smmubench.hw.field.Cd.ASID.set(cd, smmuDomain.cd.asid);
                cds.writeCdEntry(master, pasid, cdptr, cd);
                updateSte(master, sidDomain, state.atsEnabled);
                fn("arm_smmu_attach_commit").attachCommit(state);
                return 0;
            } finally {
                drv.asidLock.unlock();
            }
        }
    }

    /**
     * arm_smmu_remove_dev_pasid (v6.11, with its domain since d2f85a26): under
     * arm_smmu_asid_lock clear the CD, flush the master's ATC at that PASID, drop the entry;
     * with no SSID left in use, an IDENTITY/BLOCKED RID is re-attached to leave the CD table.
     * The model's core passes no domain; the group's pasid_array still holds it while this runs.
     */
    @Override
    protected void removeDevPasid(Device dev, int pasid) {
        try (Frame f = k.enter("arm_smmu_remove_dev_pasid")) {
            ArmSmmuMaster master = ArmSmmuV3.master(dev);
            IommuDomain domain = dev.group.pasidArray.get(pasid);
            drv.asidLock.lock();
            try {
                cds.clearCd(master, pasid);
                if (master.atsEnabled) drv.invCode.atcInvMaster(master, pasid);
                fn("arm_smmu_remove_master_domain").removeMasterDomain(master, domain, pasid);
            } finally {
                drv.asidLock.unlock();
            }
            if (!ssidsInUse(master.cdTable)) {
                IommuDomain sid = drv.core().iommuGetDomainForDev(dev);
                if (sid != null && (sid.type == IommuDomainType.IDENTITY || sid.type == IommuDomainType.BLOCKED))
                    sid.ops.attachDev(sid, dev);
            }
        }
    }
}
