package org.smmubench.driver;

import java.util.ArrayList;
import java.util.List;

import org.smmubench.iommu.IommuDomain;
import org.smmubench.kernel.DmaBuffer;
import org.smmubench.kernel.Mutex;
import org.smmubench.kernel.SpinLock;

/** struct arm_smmu_domain: a RID (paging) domain with its private CD and its devices list. */
public final class ArmSmmuDomain extends IommuDomain {
    public enum Stage { S1, S2, BYPASS }

    public ArmSmmuDevice smmu;
    public Stage stage = Stage.S1;
    /** The domain's private CD (stage 1). */
    public final CtxDesc cd = new CtxDesc();
    /** The io-pgtable's top-level table (the model keeps DMA-API mappings empty). */
    public DmaBuffer pgtbl;
    public int nrAtsMasters;
    /**
     * The masters on the devices list. From 6.11 the list holds {@link ArmSmmuMasterDomain}
     * entries ({@link #masterDomains}); this list then has each entry's master at the same
     * position, changed only through {@link #addMasterDomain}/{@link #removeMasterDomain}.
     */
    public final List<ArmSmmuMaster> devices = new ArrayList<>();
    /** 6.11+: the devices list's (master, ssid) entries, in list order (empty before 6.11). */
    public final List<ArmSmmuMasterDomain> masterDomains = new ArrayList<>();
    /** 6.11+ SVA domains: the embedded mmu_notifier (smmu_domain->mmu_notifier), else null. */
    public org.smmubench.mm.MmuNotifier mmuNotifier;
    public final SpinLock devicesLock;
    public final Mutex initMutex;
    /** struct arm_smmu_mmu_notifier list, owned by the SVA code (protected by sva_lock). */
    public final List<Object> mmuNotifiers = new ArrayList<>();

    /** list_add of a 6.11 entry (devices_lock held by the caller). */
    public void addMasterDomain(ArmSmmuMasterDomain md) {
        masterDomains.add(0, md);
        devices.add(0, md.master);
    }

    /** list_del of a 6.11 entry (devices_lock held by the caller). */
    public void removeMasterDomain(ArmSmmuMasterDomain md) {
        int i = masterDomains.indexOf(md);
        masterDomains.remove(i);
        devices.remove(i);
    }

    public ArmSmmuDomain(int id, SpinLock devicesLock, Mutex initMutex) {
        super(id);
        this.devicesLock = devicesLock;
        this.initMutex = initMutex;
        this.cd.ownerDomain = this;
    }
}
