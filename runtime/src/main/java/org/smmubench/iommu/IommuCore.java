package org.smmubench.iommu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.smmubench.kernel.Errno;
import org.smmubench.kernel.ErrPtr;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.FunctionTable;
import org.smmubench.kernel.Gfp;
import org.smmubench.kernel.Ida;
import org.smmubench.kernel.Kernel;
import org.smmubench.kernel.Mutex;
import org.smmubench.kernel.Patchable;
import org.smmubench.mm.Mm;

/**
 * The iommu core of v6.8 (drivers/iommu/iommu.c and iommu-sva.c) as far as SVA needs it:
 * probe with groups and default DMA domains, SVA bind/unbind with handle sharing, and the
 * group-wide PASID attach, whose rollback b025dea63cde changed.
 */
public final class IommuCore implements Patchable<IommuCoreFunctions> {
    /** IOMMU_FIRST_GLOBAL_PASID: PASID 0 is IOMMU_NO_PASID, the RID's own translation. */
    public static final int IOMMU_FIRST_GLOBAL_PASID = 1;

    private final Kernel k;
    final IommuOps ops;
    private final Mutex iommuSvaLock;
    /** iommu_global_pasid_ida. */
    private final Ida globalPasidIda;
    private final Map<String, IommuGroup> groups = new LinkedHashMap<>();
    private final List<Device> devices = new ArrayList<>();
    private final Map<String, Device> devicesByName = new java.util.HashMap<>();
    private int nextDomainId = 1;
    private int nextGroupId = 0;
    /** A PASID a scenario pins for an mm's first bind; honoured by iommu_alloc_global_pasid. */
    private final Map<Mm, Integer> pinnedPasids = new LinkedHashMap<>();
    /** The functions upstream commits change, in the versions this tree runs. */
    private final FunctionTable<IommuCoreFunctions> functions;

    public IommuCore(Kernel k, IommuOps ops) {
        this.k = k;
        this.ops = ops;
        this.iommuSvaLock = k.mutex("iommu_sva_lock");
        this.globalPasidIda = k.ida("iommu_global_pasid_ida");
        this.functions = new FunctionTable<>(new IommuCoreFunctions(this));
    }

    @Override
    public FunctionTable<IommuCoreFunctions> functions() { return functions; }

    public Kernel kernel() { return k; }

    public List<Device> devices() { return List.copyOf(devices); }

    /** The probed device named {@code name}, or null: an O(1) lookup for the invariants' indexes. */
    public Device deviceNamed(String name) {
        return devicesByName.get(name);
    }

    public List<IommuGroup> groups() { return List.copyOf(groups.values()); }

    /**
     * The probed devices in probe order, not copied (read-only): the invariants' indexes look
     * at its newest entries after every probe, and a copy would cost every device each time.
     */
    public List<Device> devicesView() { return java.util.Collections.unmodifiableList(devices); }

    /** How many groups exist (they are never removed): lets an index number a new one without a walk. */
    public int groupCount() { return groups.size(); }

    public int newDomainId() { return nextDomainId++; }

    public void pinPasid(Mm mm, int pasid) { pinnedPasids.put(mm, pasid); }

    // ---------------------------------------------------------------- probe

    /** iommu_probe_device: driver probe, group membership, default domain attach. */
    public int iommuProbeDevice(Device dev) {
        try (Frame f = k.enter("iommu_probe_device")) {
            ErrPtr<Object> priv = ops.probeDevice(dev);
            if (priv.isErr()) return priv.err();
            dev.iommuPriv = priv.get();
            dev.maxPasids = devIommuGetMaxPasids(dev);
            IommuGroup group = iommuGroupGetForDev(dev);
            group.mutex.lock();
            try {
                group.devices.add(dev);
                dev.group = group;
                devices.add(dev);
                devicesByName.put(dev.name(), dev);
                return iommuSetupDefaultDomain(group, dev);
            } finally {
                group.mutex.unlock();
            }
        }
    }

    /** dev_iommu_get_max_pasids: the device's own width, capped by the IOMMU's. */
    private int devIommuGetMaxPasids(Device dev) {
        try (Frame f = k.enter("dev_iommu_get_max_pasids")) {
            int bits = dev.pasidBits();
            long devMax = bits == 0 ? 0 : 1L << bits;
            return (int) Math.min(devMax, ops.maxPasids());
        }
    }

    /**
     * iommu_group_get_for_dev via the driver's device_group: a PCI device behind full ACS gets
     * a group of its own; platform devices share the group firmware names.
     */
    private IommuGroup iommuGroupGetForDev(Device dev) {
        try (Frame f = k.enter(dev.isPci() ? "pci_device_group" : "generic_device_group")) {
            String key = dev.isPci() || dev.firmwareGroup() == null
                    ? "#" + (nextGroupId++) + ":" + dev.name()
                    : dev.firmwareGroup();
            return groups.computeIfAbsent(key, n -> new IommuGroup(displayGroupName(dev, n), k.mutex("&group->mutex")));
        }
    }

    private static String displayGroupName(Device dev, String key) {
        return key.startsWith("#") ? dev.name() : key;
    }

    /**
     * iommu_setup_default_domain: allocate the group's default domain once (DMA, or IDENTITY
     * when iommu_get_def_domain_type says so), attach every device to it.
     */
    private int iommuSetupDefaultDomain(IommuGroup group, Device dev) {
        try (Frame f = k.enter("iommu_setup_default_domain")) {
            if (group.defaultDomain == null) {
                // iommu_get_def_domain_type: arm-smmu-v3 has no def_domain_type op, so the type
                // is the global iommu_def_domain_type or the group's sysfs choice, both modelled
                // by the device's requested type.
                IommuDomainType type = dev.requestedDefaultDomain;
                IommuDomain dom = ops.domainAlloc(type);
                if (dom == null) return -Errno.ENOMEM;
                dom.type = type;
                dom.owner = ops;
                group.defaultDomain = dom;
            }
            int ret = iommuDeviceSetDomain(group, dev, group.defaultDomain);
            if (ret == 0) group.domain = group.defaultDomain;
            return ret;
        }
    }

    /** __iommu_device_set_domain -> __iommu_attach_device -> ops->attach_dev. */
    private int iommuDeviceSetDomain(IommuGroup group, Device dev, IommuDomain dom) {
        try (Frame f = k.enter("__iommu_attach_device")) {
            return dom.ops.attachDev(dom, dev);
        }
    }

    /**
     * Whether this tree's SVA callers enable IOMMU_DEV_FEAT_SVA before binding; false once the
     * device-feature API is gone (v6.16).
     */
    public boolean bindNeedsDevFeatureSva() { return functions.get("iommu_sva_bind_device").bindNeedsDevFeatureSva(); }

    /** iommu_dev_enable_feature: what a device driver calls before using SVA. */
    public int iommuDevEnableFeature(Device dev, IommuDevFeature feat) {
        try (Frame f = k.enter("iommu_dev_enable_feature")) {
            return ops.devEnableFeat(dev, feat);
        }
    }

    public int iommuDevDisableFeature(Device dev, IommuDevFeature feat) {
        try (Frame f = k.enter("iommu_dev_disable_feature")) {
            return ops.devDisableFeat(dev, feat);
        }
    }

    /** iommu_release_device: the driver's release_device, then the device leaves its group. */
    public void iommuReleaseDevice(Device dev) {
        try (Frame f = k.enter("iommu_release_device")) {
            IommuGroup group = dev.group;
            group.mutex.lock();
            try {
                group.devices.remove(dev);
            } finally {
                group.mutex.unlock();
            }
            ops.releaseDevice(dev);
            devices.remove(dev);
            devicesByName.remove(dev.name(), dev);
            if (group.devices.isEmpty() && group.defaultDomain != null) {
                iommuDomainFree(group.defaultDomain);
                group.defaultDomain = null;
                group.domain = null;
            }
            // iommu_group_release: the blocking domain goes with the group.
            if (group.devices.isEmpty() && group.blockingDomain != null) {
                iommuDomainFree(group.blockingDomain);
                group.blockingDomain = null;
            }
        }
    }

    /** iommu_get_domain_for_dev: the group's current RID domain. */
    public IommuDomain iommuGetDomainForDev(Device dev) {
        try (Frame f = k.enter("iommu_get_domain_for_dev")) {
            return dev.group == null ? null : dev.group.domain;
        }
    }

    /**
     * iommu_get_domain_for_dev_pasid: the domain at {@code pasid}, or ERR_PTR(-EBUSY) when it is
     * of another type than asked (null type: any).
     */
    public ErrPtr<IommuDomain> iommuGetDomainForDevPasid(Device dev, int pasid, IommuDomainType type) {
        try (Frame f = k.enter("iommu_get_domain_for_dev_pasid")) {
            IommuDomain dom = dev.group.pasidArray.get(pasid);
            if (type != null && dom != null && dom.type != type) return ErrPtr.err(-Errno.EBUSY);
            return ErrPtr.of(dom);
        }
    }

    // ---------------------------------------------------------------- SVA (iommu-sva.c)

    /** The mm's iommu data, or null when it never had a PASID (freed once mm_pasid_drop ran). */
    public IommuMm iommuMm(Mm mm) { return (IommuMm) mm.iommuMm; }

    /** Kernel code reading mm->iommu_mm and dereferencing it: KASAN reports it if it was freed. */
    IommuMm derefIommuMm(Mm mm) {
        IommuMm data = iommuMm(mm);
        if (data != null) k.checkUse(data);
        return data;
    }

    /** Whether {@code pasid} is allocated in iommu_global_pasid_ida. */
    public boolean globalPasidAllocated(int pasid) { return globalPasidIda.isAllocated(pasid); }

    /** Tells {@code observer} every PASID allocated or freed in iommu_global_pasid_ida (for the invariants). */
    public void observeGlobalPasids(java.util.function.IntConsumer observer) { globalPasidIda.addChangeObserver(observer); }

    /** iommu_sva_bind_device, as the tree has it (see IommuCoreFunctions). */
    public ErrPtr<IommuSva> iommuSvaBindDevice(Device dev, Mm mm) {
        return functions.get("iommu_sva_bind_device").iommuSvaBindDevice(dev, mm);
    }

    /** iommu_sva_unbind_device, as the tree has it. */
    public void iommuSvaUnbindDevice(IommuSva handle) {
        functions.get("iommu_sva_unbind_device").iommuSvaUnbindDevice(handle);
    }

    /**
     * iommu_sva_mms and iommu_sva_present (e37d5a2d60a3): the mms with at least one SVA domain,
     * for the kernel-address-space invalidation, under iommu_sva_lock. Empty and unread on a
     * tree without that commit.
     */
    final List<IommuMm> iommuSvaMms = new ArrayList<>();
    boolean iommuSvaPresent;

    /** Whether iommu_sva_mms holds {@code mm}'s data (for tests of e37d5a2d60a3). */
    public boolean onIommuSvaMms(Mm mm) { return iommuSvaMms.contains(iommuMm(mm)); }

    /** iommu_sva_lock, which serialises bind and unbind. */
    Mutex iommuSvaLock() { return iommuSvaLock; }

    /**
     * iommu_alloc_mm_data: the first bind gives the mm its global PASID (kept until the mm is
     * freed); later binds check it fits the device. The data is allocated before the PASID, so
     * a PASID failure frees the data (and a data failure never touches the IDA).
     */
    ErrPtr<IommuMm> iommuAllocMmData(Mm mm, Device dev) {
        try (Frame f = k.enter("iommu_alloc_mm_data")) {
            IommuMm existing = derefIommuMm(mm);
            if (existing != null) {
                if (existing.pasid >= dev.maxPasids) return ErrPtr.err(-Errno.EOVERFLOW);
                return ErrPtr.of(existing);
            }
            IommuMm data = k.kzalloc(null, dev.name(), Gfp.GFP_KERNEL, IommuMm::new);
            if (data == null) return ErrPtr.err(-Errno.ENOMEM);
            int pasid = iommuAllocGlobalPasid(dev, mm);
            if (pasid < 0) {
                k.kfree(data);
                return ErrPtr.err(pasid);
            }
            data.pasid = pasid;
            mm.iommuMm = data;
            mm.pasid = pasid;
            mm.addTeardownHook(() -> mmPasidDrop(mm));
            return ErrPtr.of(data);
        }
    }

    /** iommu_alloc_global_pasid: lowest free in [1, max_pasids - 1], or the scenario's pinned PASID. */
    private int iommuAllocGlobalPasid(Device dev, Mm mm) {
        try (Frame f = k.enter("iommu_alloc_global_pasid")) {
            if (dev.maxPasids == 0) return -Errno.ENOSPC;
            if (k.inject("iommu_alloc_global_pasid", dev.name())) return -Errno.ENOSPC;
            Integer pinned = pinnedPasids.get(mm);
            if (pinned != null) {
                if (pinned >= dev.maxPasids) return -Errno.ENOSPC;
                return globalPasidIda.allocRange(pinned, pinned);
            }
            return globalPasidIda.allocRange(IOMMU_FIRST_GLOBAL_PASID, dev.maxPasids - 1);
        }
    }

    private void iommuFreeGlobalPasid(int pasid) {
        try (Frame f = k.enter("iommu_free_global_pasid")) {
            globalPasidIda.free(pasid);
        }
    }

    /** mm_pasid_drop, where the tree's kernel/fork.c calls it (__mmdrop in v6.8): the PASID and the data go. */
    private void mmPasidDrop(Mm mm) {
        try (Frame f = k.enter("mm_pasid_drop")) {
            IommuMm data = iommuMm(mm);
            if (data == null) return;
            iommuFreeGlobalPasid(data.pasid);
            // mm->iommu_mm is left pointing at the freed data, as the kernel leaves it: in
            // v6.8 the mm goes next; a tree that drops the PASID earlier keeps a dangling pointer.
            k.kfree(data);
        }
    }

    /** iommu_sva_domain_alloc: the driver's SVA domain, typed and tied to the mm by the core. */
    IommuDomain iommuSvaDomainAlloc(Device dev, Mm mm) {
        try (Frame f = k.enter("iommu_sva_domain_alloc")) {
            IommuDomain dom = ops.domainAlloc(IommuDomainType.SVA);
            if (dom == null) return null;
            dom.type = IommuDomainType.SVA;
            mm.mmgrab();
            dom.mm = mm;
            dom.owner = ops;
            return dom;
        }
    }

    /** iommu_domain_alloc(bus): an UNMANAGED paging domain from the driver, or null. */
    public IommuDomain iommuDomainAlloc() {
        try (Frame f = k.enter("iommu_domain_alloc")) {
            IommuDomain dom = ops.domainAlloc(IommuDomainType.UNMANAGED);
            if (dom == null) return null;
            dom.type = IommuDomainType.UNMANAGED;
            dom.owner = ops;
            return dom;
        }
    }

    /**
     * iommu_attach_group (v6.8): under the group mutex, refused (-EBUSY) unless the group is in
     * its default domain or its blocking domain (__iommu_attach_group); then
     * __iommu_group_set_domain attaches every device of the group.
     */
    public int iommuAttachGroup(IommuDomain domain, IommuGroup group) {
        try (Frame f = k.enter("iommu_attach_group")) {
            group.mutex.lock();
            try {
                if (group.domain != null && group.domain != group.defaultDomain && group.domain != group.blockingDomain)
                    return -Errno.EBUSY;
                return groupSetDomain(group, domain);
            } finally {
                group.mutex.unlock();
            }
        }
    }

    /**
     * __iommu_group_set_domain: every device of the group to {@code domain} (group mutex held).
     * When a device fails, __iommu_group_set_domain_internal attaches the devices up to and
     * including the one that failed back to the old domain, WARNing if that fails too (later
     * kernels skip the failed one; v6.8 does not).
     */
    private int groupSetDomain(IommuGroup group, IommuDomain domain) {
        try (Frame g = k.enter("__iommu_group_set_domain")) {
            if (group.domain == domain) return 0;
            IommuDomain old = group.domain;
            List<Device> done = new java.util.ArrayList<>();
            for (Device dev : group.devices) {
                int ret = iommuDeviceSetDomain(group, dev, domain);
                if (ret != 0) {
                    done.add(dev);
                    for (Device back : done) {
                        if (old != null) k.warnOn(iommuDeviceSetDomain(group, back, old) != 0,
                                "__iommu_group_set_domain_internal: " + back.name() + " cannot go back to its old domain");
                    }
                    return ret;
                }
                done.add(dev);
            }
            group.domain = domain;
            return 0;
        }
    }

    /**
     * iommu_detach_group: __iommu_group_set_core_domain, so the group goes back to its blocking
     * domain while a user owns its DMA, else to its default domain (the caller frees the old one).
     */
    public void iommuDetachGroup(IommuDomain domain, IommuGroup group) {
        try (Frame f = k.enter("iommu_detach_group")) {
            group.mutex.lock();
            try (Frame g = k.enter("__iommu_group_set_core_domain")) {
                IommuDomain core = group.dmaOwned ? group.blockingDomain : group.defaultDomain;
                if (group.domain != domain || core == null) return;
                for (Device dev : group.devices) iommuDeviceSetDomain(group, dev, core);
                group.domain = core;
            } finally {
                group.mutex.unlock();
            }
        }
    }

    /**
     * iommu_group_claim_dma_owner, as VFIO calls it when a user opens the group: -EPERM when the
     * group is owned already; __iommu_take_dma_ownership refuses (-EBUSY) a group out of its
     * default domain or with a PASID attached, allocates the blocking domain once and attaches
     * it to every device. The group's devices are taken to be bound to vfio-pci: the kernel
     * drivers' owner_cnt (iommu_device_use_default_domain) is not modelled.
     */
    public int iommuGroupClaimDmaOwner(IommuGroup group) {
        try (Frame f = k.enter("iommu_group_claim_dma_owner")) {
            group.mutex.lock();
            try {
                if (group.dmaOwned) return -Errno.EPERM;
                try (Frame g = k.enter("__iommu_take_dma_ownership")) {
                    if ((group.domain != null && group.domain != group.defaultDomain)
                            || !group.pasidArray.isEmpty() || !group.pasidHandles.isEmpty())
                        return -Errno.EBUSY;
                    int ret = iommuGroupAllocBlockingDomain(group);
                    if (ret != 0) return ret;
                    ret = groupSetDomain(group, group.blockingDomain);
                    if (ret != 0) return ret;
                    group.dmaOwned = true;
                    return 0;
                }
            } finally {
                group.mutex.unlock();
            }
        }
    }

    /**
     * __iommu_group_alloc_blocking_domain: the driver's BLOCKED domain (ops->blocked_domain);
     * a driver without one gets an empty UNMANAGED paging domain instead, which translates
     * nothing.
     */
    private int iommuGroupAllocBlockingDomain(IommuGroup group) {
        try (Frame f = k.enter("__iommu_group_alloc_blocking_domain")) {
            if (group.blockingDomain != null) return 0;
            IommuDomain dom = ops.blockedDomain();
            if (dom == null) {
                dom = ops.domainAlloc(IommuDomainType.UNMANAGED);
                if (dom == null) return -Errno.ENOMEM;
                dom.type = IommuDomainType.UNMANAGED;
                dom.owner = ops;
            }
            group.blockingDomain = dom;
            return 0;
        }
    }

    /** iommu_group_release_dma_owner: __iommu_release_dma_ownership puts the group back in its default domain. */
    public void iommuGroupReleaseDmaOwner(IommuGroup group) {
        try (Frame f = k.enter("iommu_group_release_dma_owner")) {
            group.mutex.lock();
            try (Frame g = k.enter("__iommu_release_dma_ownership")) {
                if (!group.dmaOwned) return;
                group.dmaOwned = false;
                if (group.defaultDomain != null) {
                    for (Device dev : group.devices) iommuDeviceSetDomain(group, dev, group.defaultDomain);
                    group.domain = group.defaultDomain;
                }
            } finally {
                group.mutex.unlock();
            }
        }
    }

    /** iommu_domain_free: the driver's free op; an SVA domain drops its mm reference. */
    public void iommuDomainFree(IommuDomain dom) {
        try (Frame f = k.enter("iommu_domain_free")) {
            Mm mm = dom.type == IommuDomainType.SVA ? dom.mm : null;
            dom.ops.free(dom);
            if (mm != null) mm.mmdrop();
        }
    }

    // ---------------------------------------------------------------- PASID attach (iommu.c)

    /** iommu_attach_device_pasid, as the tree has it (see IommuCoreFunctions). */
    public int iommuAttachDevicePasid(IommuDomain domain, Device dev, int pasid) {
        return functions.get("iommu_attach_device_pasid").iommuAttachDevicePasid(domain, dev, pasid);
    }

    /** __iommu_set_group_pasid, as the tree has it. */
    int iommuSetGroupPasid(IommuDomain domain, IommuGroup group, int pasid) {
        return functions.get("__iommu_set_group_pasid").iommuSetGroupPasid(domain, group, pasid);
    }

    /**
     * The driver's set_dev_pasid for one group device. The failure site stands for the driver
     * op as a whole, to provoke a group rollback.
     */
    int setDevPasid(IommuDomain domain, Device d, int pasid) {
        return k.inject("set_dev_pasid", d.name()) ? -Errno.ENOMEM : domain.ops.setDevPasid(domain, d, pasid);
    }

    /** __iommu_remove_group_pasid, as the tree has it. */
    void iommuRemoveGroupPasid(IommuGroup group, int pasid) {
        functions.get("__iommu_remove_group_pasid").iommuRemoveGroupPasid(group, pasid);
    }

    /** iommu_detach_device_pasid: remove from every group device, then free the PASID slot. */
    public void iommuDetachDevicePasid(IommuDomain domain, Device dev, int pasid) {
        try (Frame f = k.enter("iommu_detach_device_pasid")) {
            IommuGroup group = dev.group;
            group.mutex.lock();
            try {
                iommuRemoveGroupPasid(group, pasid);
                group.pasidHandles.remove(pasid);
                IommuDomain old = group.pasidArray.remove(pasid);
                k.warnOn(old != domain, "iommu_detach_device_pasid: pasid_array held another domain");
            } finally {
                group.mutex.unlock();
            }
        }
    }
}
