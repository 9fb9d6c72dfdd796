package org.smmubench.driver;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the 6.9+ make functions read from struct arm_smmu_master and its arm_smmu_device:
 * the SMMU's features, the master's stall and ATS state, and its CD table's DMA address,
 * S1CDMax and format. A snapshot, so the KUnit fixtures (a fake master with a fake table at
 * 0xF0F0F0F0F0F0) and a real master go through the same functions.
 */
public record EntryMaster(Set<Feature> smmuFeatures, boolean atsEnabled, boolean stallEnabled,
                          long cdtabDma, int s1cdmax, int s1fmt) {

    public EntryMaster {
        smmuFeatures = smmuFeatures.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(smmuFeatures));
    }

    public boolean has(Feature f) { return smmuFeatures.contains(f); }

    /** The master as the driver holds it now (no CD table yet: address 0). */
    public static EntryMaster of(ArmSmmuMaster m) {
        CdTableCfg t = m.cdTable;
        return new EntryMaster(m.smmu.features, m.atsEnabled, m.stallEnabled,
                t.cdtab == null ? 0 : t.cdtab.dma(), t.s1cdmax, t.s1fmt);
    }
}
