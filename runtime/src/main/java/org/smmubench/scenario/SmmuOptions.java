package org.smmubench.scenario;

/**
 * The {@code smmu:} block of a scenario (docs/format.md): what the modelled SMMUv3 advertises.
 * Defaults are the interface's defaults.
 */
public record SmmuOptions(boolean twoLevelCdTable, boolean twoLevelStreamTable, int ssidBits,
                          int sidBits, int asidBits, boolean ats, boolean stall, boolean rangeInv) {
    public static SmmuOptions defaults() {
        return new SmmuOptions(true, true, 20, 16, 16, false, false, false);
    }
}
