package org.smmubench.scenario;

import org.smmubench.iommu.Bus;
import org.smmubench.iommu.IommuDomainType;

import java.util.List;

/**
 * A device of the topology. {@code pasidBits} null means "the SMMU's ssid-bits";
 * {@code group} is only meaningful for platform devices (null: a group of its own).
 * {@code defaultDomain} is the type of the RID domain the core sets up at probe: DMA, or
 * IDENTITY (iommu.passthrough=1, or the group's sysfs type).
 */
public record DeviceSpec(String name, Bus bus, List<Integer> sids, Integer pasidBits,
                         boolean ats, boolean sva, String group, IommuDomainType defaultDomain, SourcePos pos) {
    public DeviceSpec {
        sids = List.copyOf(sids);
        if (defaultDomain != IommuDomainType.DMA && defaultDomain != IommuDomainType.IDENTITY)
            throw new IllegalArgumentException("a default domain is dma or identity, not " + defaultDomain);
    }

    /** A device whose default domain is the usual DMA domain. */
    public DeviceSpec(String name, Bus bus, List<Integer> sids, Integer pasidBits,
                      boolean ats, boolean sva, String group, SourcePos pos) {
        this(name, bus, sids, pasidBits, ats, sva, group, IommuDomainType.DMA, pos);
    }

    /** The YAML spelling of the default domain type: dma or identity. */
    public String defaultDomainName() { return defaultDomain == IommuDomainType.IDENTITY ? "identity" : "dma"; }
}
