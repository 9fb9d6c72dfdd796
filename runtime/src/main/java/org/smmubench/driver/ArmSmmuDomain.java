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
    public final List<ArmSmmuMaster> devices = new ArrayList<>();
    public final SpinLock devicesLock;
    public final Mutex initMutex;
    /** struct arm_smmu_mmu_notifier list, owned by the SVA code (protected by sva_lock). */
    public final List<Object> mmuNotifiers = new ArrayList<>();

    public ArmSmmuDomain(int id, SpinLock devicesLock, Mutex initMutex) {
        super(id);
        this.devicesLock = devicesLock;
        this.initMutex = initMutex;
        this.cd.ownerDomain = this;
    }
}
