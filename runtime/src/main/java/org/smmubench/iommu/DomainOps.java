package org.smmubench.iommu;

/** struct iommu_domain_ops: what a driver does with one of its domains. */
public interface DomainOps {
    /** attach_dev: make {@code dom} the RID domain of {@code dev}; 0 or a negative errno. */
    default int attachDev(IommuDomain dom, Device dev) { return -org.smmubench.kernel.Errno.EOPNOTSUPP; }

    /** set_dev_pasid: install {@code dom} at {@code pasid} of {@code dev}; null when unsupported. */
    default boolean hasSetDevPasid() { return false; }

    default int setDevPasid(IommuDomain dom, Device dev, int pasid) { return -org.smmubench.kernel.Errno.EOPNOTSUPP; }

    /**
     * set_dev_pasid with the domain it replaces at {@code pasid} (the signature of the 6.14
     * PASID-replace series). The core only passes an old domain when it detaches through the
     * driver's blocked domain, whose set_dev_pasid removes {@code old}; other domains ignore it.
     */
    default int setDevPasid(IommuDomain dom, Device dev, int pasid, IommuDomain old) { return setDevPasid(dom, dev, pasid); }

    void free(IommuDomain dom);
}
