package org.smmubench.iommu;

/** struct iommu_domain_ops: what a driver does with one of its domains. */
public interface DomainOps {
    /** attach_dev: make {@code dom} the RID domain of {@code dev}; 0 or a negative errno. */
    default int attachDev(IommuDomain dom, Device dev) { return -org.smmubench.kernel.Errno.EOPNOTSUPP; }

    /** set_dev_pasid: install {@code dom} at {@code pasid} of {@code dev}; null when unsupported. */
    default boolean hasSetDevPasid() { return false; }

    default int setDevPasid(IommuDomain dom, Device dev, int pasid) { return -org.smmubench.kernel.Errno.EOPNOTSUPP; }

    void free(IommuDomain dom);
}
