package org.smmubench.iommu;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.smmubench.kernel.Mutex;
import org.smmubench.kernel.WatchedTreeMap;

/** struct iommu_group: devices in probe order, the RID domains, and the PASID array. */
public final class IommuGroup {
    private final String name;
    public final List<Device> devices = new ArrayList<>();
    public final Mutex mutex;
    public IommuDomain defaultDomain;
    public IommuDomain domain;
    /**
     * group->blocking_domain: allocated by the first DMA-ownership claim (the driver's static
     * blocked domain, or an empty UNMANAGED one) and freed with the group.
     */
    public IommuDomain blockingDomain;
    /** group->owner is set: a user (VFIO) claimed the group's DMA (owner_cnt is not modelled). */
    public boolean dmaOwned;
    /**
     * group->pasid_array: PASID -> domain. Sorted, so dumps come in PASID order; watched, so the
     * invariants re-judge only the PASIDs a step stored or erased.
     */
    public final WatchedTreeMap<IommuDomain> pasidArray = new WatchedTreeMap<>();
    /**
     * From 6.11 the pasid_array entry is a struct iommu_attach_handle (the SVA handle's, for an
     * SVA bind): PASID -> handle, next to {@link #pasidArray}'s domain. Empty before 6.11.
     */
    public final TreeMap<Integer, IommuSva> pasidHandles = new TreeMap<>();

    IommuGroup(String name, Mutex mutex) {
        this.name = name;
        this.mutex = mutex;
    }

    public String name() { return name; }

    @Override
    public String toString() { return "group " + name; }
}
