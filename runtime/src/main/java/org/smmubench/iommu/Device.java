package org.smmubench.iommu;

import java.util.List;


/**
 * struct device as the iommu core sees it: bus, firmware stream IDs (iommu_fwspec ids), the
 * PASID width the device/firmware advertises, and dev->iommu once probed.
 */
public final class Device {
    private final String name;
    private final Bus bus;
    private final List<Integer> sids;
    private final int pasidBits;
    private final boolean atsCapable;
    private final String firmwareGroup;
    /** dev->iommu->priv: the driver's master, set by probe. */
    public Object iommuPriv;
    /** dev->iommu->max_pasids. */
    public int maxPasids;
    public IommuGroup group;
    /** The endpoint's ATS Enable bit in PCI config space (pci_enable_ats). */
    public boolean pciAtsEnabled;
    /**
     * The default domain type asked for this device's group: DMA, or IDENTITY as
     * iommu.passthrough=1 (iommu_def_domain_type) or a write to the group's sysfs type selects.
     */
    public IommuDomainType requestedDefaultDomain = IommuDomainType.DMA;

    public Device(String name, Bus bus, List<Integer> sids, int pasidBits, boolean atsCapable, String firmwareGroup) {
        this.name = name;
        this.bus = bus;
        this.sids = List.copyOf(sids);
        this.pasidBits = pasidBits;
        this.atsCapable = atsCapable;
        this.firmwareGroup = firmwareGroup;
    }

    public String name() { return name; }

    public Bus bus() { return bus; }

    public boolean isPci() { return bus == Bus.PCI; }

    /** iommu_fwspec ids. */
    public List<Integer> sids() { return sids; }

    /** pci_max_pasids (as a width) for PCI, the "pasid-num-bits" property for platform devices. */
    public int pasidBits() { return pasidBits; }

    public boolean atsCapable() { return atsCapable; }

    /** The firmware-described group of a platform device, or null. */
    public String firmwareGroup() { return firmwareGroup; }

    @Override
    public String toString() { return name; }
}
