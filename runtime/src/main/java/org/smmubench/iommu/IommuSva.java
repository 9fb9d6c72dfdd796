package org.smmubench.iommu;

/**
 * struct iommu_sva: the handle iommu_sva_bind_device returns. Since 65d4418c5002 (v6.8-rc6) it
 * carries a users count and sits on mm->iommu_mm->sva_handles, so repeated binds of one
 * (device, mm) share it; the struct as 092edaddb660 left it (v6.8-rc1 to rc5) had neither.
 */
public final class IommuSva {
    public Device dev;
    public IommuDomain domain;
    /** refcount_t users (kzalloc leaves it 0 until the bind sets it). */
    public int users;
    private final boolean refcounted;

    public IommuSva() { this(true); }

    private IommuSva(boolean refcounted) { this.refcounted = refcounted; }

    /** The handle of a tree before 65d4418c5002: one per bind, no users count, no list node. */
    static IommuSva withoutRefcount() { return new IommuSva(false); }

    /** Whether this tree's struct iommu_sva has the users count and the sva_handles list node. */
    public boolean refcounted() { return refcounted; }
}
