package org.smmubench.driver;

import java.util.ArrayList;
import java.util.List;

import org.smmubench.iommu.Device;
import org.smmubench.kernel.WatchedList;

/** struct arm_smmu_master: the driver's per-device state. */
public final class ArmSmmuMaster {
    public final ArmSmmuDevice smmu;
    public final Device dev;
    /** The RID domain attached (6.8: a master is on at most one domain list). */
    public ArmSmmuDomain domain;
    public final List<ArmSmmuStream> streams = new ArrayList<>();
    public final CdTableCfg cdTable = new CdTableCfg();
    public boolean atsEnabled;
    /** 6.11+: the installed STE has EATS=TRANS (master->ste_ats_enabled, set at install). */
    public boolean steAtsEnabled;
    public boolean stallEnabled;
    public boolean svaEnabled;
    /**
     * struct arm_smmu_bond list, owned by the SVA code (protected by sva_lock). Watched, so the
     * invariants re-judge only the bonds a step added or removed, not one per bound process.
     */
    public final WatchedList<Object> bonds = new WatchedList<>();
    public int ssidBits;
    /** False once release_device has run (for the invariants). */
    public boolean live = true;

    public ArmSmmuMaster(ArmSmmuDevice smmu, Device dev) {
        this.smmu = smmu;
        this.dev = dev;
    }

    public int numStreams() { return streams.size(); }

    @Override
    public String toString() { return "master " + dev.name(); }
}
