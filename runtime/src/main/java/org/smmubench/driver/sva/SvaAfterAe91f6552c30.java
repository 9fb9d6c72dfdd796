package org.smmubench.driver.sva;

import org.smmubench.driver.ArmSmmuDomain;
import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.iommu.IommuDomainType;
import org.smmubench.kernel.Errno;
import org.smmubench.kernel.ErrPtr;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Gfp;
import org.smmubench.mm.Mm;

/**
 * __arm_smmu_sva_bind after ae91f6552c30 ("Check that the RID domain is S1 in SVA", v6.9-rc1):
 * before anything else it refuses, with -ENODEV, a RID domain that is not a paging domain or
 * not a stage-1 arm_smmu_domain, since only such a domain has installed the CD table the bind
 * writes into. Checked against the 6.6 stable-review diff (whose backport returned the errno
 * from a pointer-returning function; mainline's function returns int, as here). Installed by
 * applying ae91f6552c30 to v6.8; the rest of the function is v6.8's.
 */
public final class SvaAfterAe91f6552c30 extends SvaFunctions {
    public SvaAfterAe91f6552c30(ArmSmmuSva sva) {
        super(sva);
    }

    @Override
    protected int armSmmuSvaBind(Device dev, int pasid, Mm mm) {
        try (Frame f = k.enter("__arm_smmu_sva_bind")) {
            ArmSmmuMaster master = ArmSmmuV3.master(dev);
            IommuDomain domain = drv.core().iommuGetDomainForDev(dev);
            // __IOMMU_DOMAIN_PAGING: UNMANAGED, DMA and DMA_FQ have it; IDENTITY and BLOCKED do not.
            IommuDomainType t = domain.type;
            if (t != IommuDomainType.UNMANAGED && t != IommuDomainType.DMA && t != IommuDomainType.DMA_FQ) return -Errno.ENODEV;
            ArmSmmuDomain smmuDomain = (ArmSmmuDomain) domain;
            if (smmuDomain.stage != ArmSmmuDomain.Stage.S1) return -Errno.ENODEV;
            if (master == null || !master.svaEnabled) return -Errno.ENODEV;
            ArmSmmuBond bond = k.kzalloc("kzalloc.bond", dev.name(), Gfp.GFP_KERNEL, ArmSmmuBond::new);
            if (bond == null) return -Errno.ENOMEM;
            bond.mm = mm;
            ErrPtr<ArmSmmuMmuNotifier> mn = sva.mmuNotifierGet(smmuDomain, mm, dev.name());
            if (mn.isErr()) {
                k.kfree(bond);
                return mn.err();
            }
            bond.smmuMn = mn.get();
            int ret = cdCode().writeCtxDesc(master, pasid, bond.smmuMn.cd);
            if (ret != 0) {
                sva.mmuNotifierPut(bond.smmuMn);
                k.kfree(bond);
                return ret;
            }
            master.bonds.add(0, bond);
            return 0;
        }
    }
}
