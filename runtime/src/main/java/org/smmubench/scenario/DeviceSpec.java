package org.smmubench.scenario;

import org.smmubench.iommu.Bus;

import java.util.List;

/**
 * A device of the topology. {@code pasidBits} null means "the SMMU's ssid-bits";
 * {@code group} is only meaningful for platform devices (null: a group of its own).
 */
public record DeviceSpec(String name, Bus bus, List<Integer> sids, Integer pasidBits,
                         boolean ats, boolean sva, String group, SourcePos pos) {
    public DeviceSpec {
        sids = List.copyOf(sids);
    }
}
