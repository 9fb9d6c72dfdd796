package org.smmubench.check;

import org.smmubench.bench.BenchParts;
import org.smmubench.driver.ArmSmmuDevice;
import org.smmubench.driver.ArmSmmuDomain;
import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.CdCode;
import org.smmubench.driver.CmdqEnt;
import org.smmubench.driver.CtxDesc;
import org.smmubench.driver.InvCode;
import org.smmubench.driver.sva.ArmSmmuBond;
import org.smmubench.driver.sva.ArmSmmuMmuNotifier;
import org.smmubench.driver.sva.ArmSmmuSva;

import org.smmubench.hw.field.Cd;
import org.smmubench.hw.field.Opcode;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Kernel;
import org.smmubench.mm.Mm;
import org.smmubench.mm.MmWorld;

/** Deliberately broken driver pieces, one per way the hardware invariants must catch. */
final class BrokenParts {
    private BrokenParts() {}

    /** arm_smmu_write_ctx_desc without the sync between dwords 1-3 and the V=1 store. */
    static BenchParts skipSyncBeforeValid(BenchParts p) {
        return p.withCdCode(k -> new CdCode(k) {
            private boolean skipNext;

            @Override
            public int writeCtxDesc(ArmSmmuMaster master, int ssid, CtxDesc cd) {
                long ptr = peekCdPtr(master, ssid);
                boolean live = ptr != 0 && Cd.V.isSet(master.smmu.mem.read64(ptr));
                skipNext = cd != null && cd != quietCd && !live;
                return super.writeCtxDesc(master, ssid, cd);
            }

            @Override
            public void syncCd(ArmSmmuMaster master, int ssid, boolean leaf) {
                if (leaf && skipNext) {
                    skipNext = false;
                    return;
                }
                super.syncCd(master, ssid, leaf);
            }
        });
    }

    /** An install that stores dword 0 (V=1) first and the body after it. */
    static BenchParts dword0First(BenchParts p) {
        return p.withCdCode(k -> new CdCode(k) {
            @Override
            public int writeCtxDesc(ArmSmmuMaster master, int ssid, CtxDesc cd) {
                if (cd == null || cd == quietCd || cd.mm == null) return super.writeCtxDesc(master, ssid, cd);
                try (Frame f = k.enter("arm_smmu_write_ctx_desc")) {
                    long ptr = getCdPtr(master, ssid);
                    var mem = master.smmu.mem;
                    mem.write64(ptr, cd.tcr | Cd.R.maskedValue(1) | Cd.A.maskedValue(1) | Cd.AA64.maskedValue(1)
                            | Cd.ASID.maskedValue(cd.asid) | Cd.V.maskedValue(1));
                    mem.write64(ptr + 8, Cd.TTB0.insertAddress(0, cd.ttbr));
                    mem.write64(ptr + 16, 0);
                    mem.write64(ptr + 24, cd.mair);
                    syncCd(master, ssid, true);
                    return 0;
                }
            }
        });
    }

    /** A new CD leaf published without the CFGI_CD(Leaf=0) for its L1 descriptor. */
    static BenchParts skipL1Sync(BenchParts p) {
        return p.withCdCode(k -> new CdCode(k) {
            @Override
            public void syncCd(ArmSmmuMaster master, int ssid, boolean leaf) {
                if (leaf) super.syncCd(master, ssid, leaf);
            }
        });
    }

    /** A CD remove that stores dword 0 = 0 and never issues CFGI_CD+SYNC. */
    static BenchParts clearWithoutSync(BenchParts p) {
        return p.withCdCode(k -> new CdCode(k) {
            @Override
            public int writeCtxDesc(ArmSmmuMaster master, int ssid, CtxDesc cd) {
                if (cd != null || ssid == IOMMU_NO_PASID) return super.writeCtxDesc(master, ssid, cd);
                try (Frame f = k.enter("arm_smmu_write_ctx_desc")) {
                    long ptr = peekCdPtr(master, ssid);
                    if (ptr != 0) master.smmu.mem.write64(ptr, 0);
                    return 0;
                }
            }
        });
    }

    /** Shared CDs pointing at a DMA domain's empty tables instead of the mm's. */
    static BenchParts wrongTtb(BenchParts p) {
        return p.withCdCode(k -> new CdCode(k) {
            @Override
            public int writeCtxDesc(ArmSmmuMaster master, int ssid, CtxDesc cd) {
                if (cd == null || cd == quietCd || cd.mm == null) return super.writeCtxDesc(master, ssid, cd);
                CtxDesc bad = copy(cd);
                bad.ttbr = master.domain.cd.ttbr;
                return super.writeCtxDesc(master, ssid, bad);
            }
        });
    }

    /** Shared CDs with an out-of-range T0SZ: the SMMU rejects them with C_BAD_CD. */
    static BenchParts badT0sz(BenchParts p) {
        return p.withCdCode(k -> new CdCode(k) {
            @Override
            public int writeCtxDesc(ArmSmmuMaster master, int ssid, CtxDesc cd) {
                if (cd == null || cd == quietCd || cd.mm == null) return super.writeCtxDesc(master, ssid, cd);
                CtxDesc bad = copy(cd);
                bad.tcr = Cd.T0SZ.insert(cd.tcr, 5);
                return super.writeCtxDesc(master, ssid, bad);
            }
        });
    }

    private static CtxDesc copy(CtxDesc cd) {
        CtxDesc c = new CtxDesc();
        c.asid = cd.asid;
        c.ttbr = cd.ttbr;
        c.tcr = cd.tcr;
        c.mair = cd.mair;
        c.mm = cd.mm;
        return c;
    }

    /** arm_smmu_tlb_inv_asid that queues nothing. */
    static BenchParts dropTlbiAsid(BenchParts p) {
        return p.withInvCode(k -> new InvCode(k) {
            @Override
            public void tlbInvAsid(ArmSmmuDevice smmu, int asid) {}
        });
    }

    /** arm_smmu_tlb_inv_asid using the EL2 opcode on an SMMU without hypervisor support: CERROR_ILL. */
    static BenchParts illegalTlbi(BenchParts p) {
        return p.withInvCode(k -> new InvCode(k) {
            @Override
            public void tlbInvAsid(ArmSmmuDevice smmu, int asid) {
                try (Frame f = k.enter("arm_smmu_tlb_inv_asid")) {
                    smmu.cmdq.issueCmdWithSync(CmdqEnt.tlbiAsid(Opcode.TLBI_EL2_ASID, asid));
                }
            }
        });
    }

    /** arm_smmu_atc_inv_domain that queues nothing. */
    static BenchParts dropAtcInv(BenchParts p) {
        return p.withInvCode(k -> new InvCode(k) {
            @Override
            public int atcInvDomain(ArmSmmuDomain domain, int ssid, long iova, long size) { return 0; }
        });
    }

    /** The mmu notifier's invalidate_secondary_tlbs does nothing: CPU page-table changes never reach the SMMU. */
    static BenchParts skipSecondaryTlbs(BenchParts p) {
        return p.withSva((k, d, m) -> new ArmSmmuSva(k, d, m) {
            @Override
            protected void mmArchInvalidateSecondaryTlbs(ArmSmmuMmuNotifier mn, Mm mm, long start, long end) {}
        });
    }

    /** mm_release that neither quiesces the CD nor invalidates anything. */
    static BenchParts emptyMmRelease(BenchParts p) {
        return p.withSva((k, d, m) -> new ArmSmmuSva(k, d, m) {
            @Override
            protected void mmRelease(ArmSmmuMmuNotifier mn, Mm mm) {}
        });
    }

    /** Fixed remove_dev_pasid that forgets to clear the CD. */
    static BenchParts unbindKeepsCd(BenchParts p) {
        return p.withSva(SkipClear::new);
    }

    /** Pre-fix notifier put whose CD clear is skipped (run it on the tree without b5bf7778). */
    static BenchParts preFixPutKeepsCd(BenchParts p) {
        return p.withSva((k, d, m) -> new ArmSmmuSva(k, d, m) {
            @Override
            protected void updateCtxDescDevices(ArmSmmuDomain smmuDomain, int ssid, CtxDesc cd) {
                if (cd != null) super.updateCtxDescDevices(smmuDomain, ssid, cd);
            }
        });
    }

    /** Fixed remove_dev_pasid that drops the notifier (TLBI, ASID release) before clearing the CD. */
    static BenchParts putBeforeClear(BenchParts p) {
        return p.withSva(PutBeforeClear::new);
    }

    private static final class SkipClear extends ArmSmmuSva {
        SkipClear(Kernel k, ArmSmmuV3 drv, MmWorld mms) { super(k, drv, mms); }

        @Override
        public void svaRemoveDevPasid(IommuDomain domain, Device dev, int id) {
            try (Frame f = k.enter("arm_smmu_sva_remove_dev_pasid")) {
                ArmSmmuMaster master = ArmSmmuV3.master(dev);
                svaLock.lock();
                try {
                    ArmSmmuBond bond = findBond(master, domain.mm);
                    master.bonds.remove(bond);
                    mmuNotifierPut(bond.smmuMn);
                    k.kfree(bond);
                } finally {
                    svaLock.unlock();
                }
            }
        }
    }

    private static final class PutBeforeClear extends ArmSmmuSva {
        PutBeforeClear(Kernel k, ArmSmmuV3 drv, MmWorld mms) { super(k, drv, mms); }

        @Override
        public void svaRemoveDevPasid(IommuDomain domain, Device dev, int id) {
            try (Frame f = k.enter("arm_smmu_sva_remove_dev_pasid")) {
                ArmSmmuMaster master = ArmSmmuV3.master(dev);
                svaLock.lock();
                try {
                    ArmSmmuBond bond = findBond(master, domain.mm);
                    master.bonds.remove(bond);
                    mmuNotifierPut(bond.smmuMn);
                    k.kfree(bond);
                    cdCode().writeCtxDesc(master, id, null);
                } finally {
                    svaLock.unlock();
                }
            }
        }
    }
}
