package org.smmubench.driver;

import org.smmubench.hw.field.Cmd;
import org.smmubench.hw.field.Opcode;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.FunctionTable;
import org.smmubench.kernel.Kernel;
import org.smmubench.kernel.Patchable;

/**
 * TLB and ATC invalidation helpers of arm-smmu-v3.c. The functions that
 * modelled upstream commits change live in {@link InvFunctions} (v6.8's versions); a kernel
 * tree installs its commits' versions in {@link #functions()}.
 */
public class InvCode implements Patchable<InvFunctions> {
    /** CMDQ_TLBI_RANGE_NUM_MAX: NUM is a 5-bit field. */
    static final int CMDQ_TLBI_RANGE_NUM_MAX = 31;
    static final int PAGE_SHIFT = 12;
    public static final long PAGE_SIZE = 1L << PAGE_SHIFT;
    /** CMDQ_MAX_TLBI_OPS: past this many pages, invalidate the whole ASID instead. */
    public static final long CMDQ_MAX_TLBI_OPS = 1L << (PAGE_SHIFT - 3);

    protected final Kernel k;
    private final FunctionTable<InvFunctions> functions;

    public InvCode(Kernel k) {
        this.k = k;
        this.functions = new FunctionTable<>(new InvFunctions(this));
    }

    @Override
    public FunctionTable<InvFunctions> functions() { return functions; }

    /** arm_smmu_tlb_inv_asid: TLBI_NH_ASID (TLBI_EL2_ASID in the E2H world) with a sync. */
    public void tlbInvAsid(ArmSmmuDevice smmu, int asid) {
        try (Frame f = k.enter("arm_smmu_tlb_inv_asid")) {
            Opcode op = smmu.has(Feature.E2H) ? Opcode.TLBI_EL2_ASID : Opcode.TLBI_NH_ASID;
            smmu.cmdq.issueCmdWithSync(CmdqEnt.tlbiAsid(op, asid));
        }
    }

    /** arm_smmu_tlb_inv_range_asid: per-page TLBI_NH_VA, or RIL range commands. */
    public void tlbInvRangeAsid(long iova, long size, int asid, long granule, boolean leaf, ArmSmmuDomain domain) {
        try (Frame f = k.enter("arm_smmu_tlb_inv_range_asid")) {
            ArmSmmuDevice smmu = domain.smmu;
            Opcode op = smmu.has(Feature.E2H) ? Opcode.TLBI_EL2_VA : Opcode.TLBI_NH_VA;
            tlbInvRange(CmdqEnt.tlbiVa(op, asid, 0, leaf, 0, 0, 0, 0), iova, size, granule, domain);
        }
    }

    /** __arm_smmu_tlb_inv_range, in the tree's version. */
    private void tlbInvRange(CmdqEnt cmd, long iova, long size, long granule, ArmSmmuDomain domain) {
        functions.get("__arm_smmu_tlb_inv_range").tlbInvRange(cmd, iova, size, granule, domain);
    }

    /** arm_smmu_atc_inv_to_cmd: size 0 means everything; else the smallest aligned span. */
    static CmdqEnt atcInvToCmd(int ssid, long iova, long size) {
        boolean ssv = ssid != CdCode.IOMMU_NO_PASID;
        if (size == 0) return CmdqEnt.atcInv(0, ssid, ssv, 0, Cmd.ATC_INV_SIZE_ALL);
        long pageStart = iova >>> PAGE_SHIFT;
        long pageEnd = (iova + size - 1) >>> PAGE_SHIFT;
        int log2Span = 64 - Long.numberOfLeadingZeros(pageStart ^ pageEnd);
        long spanMask = (1L << log2Span) - 1;
        pageStart &= ~spanMask;
        return CmdqEnt.atcInv(0, ssid, ssv, pageStart << PAGE_SHIFT, log2Span);
    }

    /**
     * arm_smmu_atc_inv_domain: ATC_INV to every ATS-enabled master of the domain, the list
     * walked under devices_lock, submitted with a sync after the lock is dropped.
     */
    public int atcInvDomain(ArmSmmuDomain domain, int ssid, long iova, long size) {
        try (Frame f = k.enter("arm_smmu_atc_inv_domain")) {
            ArmSmmuDevice smmu = domain.smmu;
            if (!smmu.has(Feature.ATS)) return 0;
            if (domain.nrAtsMasters == 0) return 0;
            CmdqEnt cmd = atcInvToCmd(ssid, iova, size);
            ArmSmmuCmdq.Batch cmds = smmu.cmdq.batch();
            long flags = domain.devicesLock.lockIrqsave();
            try {
                for (ArmSmmuMaster m : domain.devices) {
                    if (!m.atsEnabled) continue;
                    for (ArmSmmuStream s : m.streams) cmds.add(cmd.withSid(s.id()));
                }
            } finally {
                domain.devicesLock.unlockIrqrestore(flags);
            }
            cmds.submit();
            return 0;
        }
    }

    /**
     * arm_smmu_atc_inv_domain (6.11+, ssid argument gone): each (master, ssid) entry of the
     * domain's list gets ATC_INV at its own SSID, when its master has ATS on.
     */
    public int atcInvDomainEntries(ArmSmmuDomain domain, long iova, long size) {
        try (Frame f = k.enter("arm_smmu_atc_inv_domain")) {
            ArmSmmuDevice smmu = domain.smmu;
            if (!smmu.has(Feature.ATS)) return 0;
            if (domain.nrAtsMasters == 0) return 0;
            ArmSmmuCmdq.Batch cmds = smmu.cmdq.batch();
            long flags = domain.devicesLock.lockIrqsave();
            try {
                for (ArmSmmuMasterDomain md : domain.masterDomains) {
                    if (!md.master.atsEnabled) continue;
                    CmdqEnt cmd = atcInvToCmd(md.ssid, iova, size);
                    for (ArmSmmuStream s : md.master.streams) cmds.add(cmd.withSid(s.id()));
                }
            } finally {
                domain.devicesLock.unlockIrqrestore(flags);
            }
            cmds.submit();
            return 0;
        }
    }

    /** arm_smmu_atc_inv_master: a full ATC_INV for each of the master's streams. */
    public void atcInvMaster(ArmSmmuMaster master) { atcInvMaster(master, CdCode.IOMMU_NO_PASID); }

    /** arm_smmu_atc_inv_master(master, ssid) (6.11 takes the SSID): everything at that SSID (PASID 0: the whole ATC). */
    public void atcInvMaster(ArmSmmuMaster master, int ssid) {
        try (Frame f = k.enter("arm_smmu_atc_inv_master")) {
            CmdqEnt cmd = atcInvToCmd(ssid, 0, 0);
            ArmSmmuCmdq.Batch cmds = master.smmu.cmdq.batch();
            for (ArmSmmuStream s : master.streams) cmds.add(cmd.withSid(s.id()));
            cmds.submit();
        }
    }
}
