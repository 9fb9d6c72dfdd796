package org.smmubench.iommu;

/** The bus a device sits on. PCI devices always get an iommu_group of their own. */
public enum Bus {
    PCI("pci"), PLATFORM("platform");

    private final String yamlName;

    Bus(String yamlName) { this.yamlName = yamlName; }

    public String yamlName() { return yamlName; }
}
