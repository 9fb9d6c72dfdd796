package org.smmubench.driver;

import org.smmubench.kernel.Frame;

/**
 * __arm_smmu_tlb_inv_range as at the parent of eb6c97647be2 ("Avoid constructing invalid range
 * commands", v6.6-rc4): 6833b8f2e199 already left TTL at 0 for every non-leaf range, but nothing
 * kept NUM and SCALE from being 0 too. SVA's notifier invalidations are non-leaf and take
 * whatever range mm gives them, so a range of one page (or 33, 65, ...) ends in a command with
 * TG set and TTL = NUM = SCALE = 0. Installed by reverting eb6c97647be2 from v6.8; the parent's
 * function differs from v6.8's only in that line (checked against the stable-review diff).
 */
public final class InvBeforeEb6c97647be2 extends InvFunctions {
    public InvBeforeEb6c97647be2(InvCode inv) {
        super(inv);
    }

    @Override
    protected void tlbInvRange(CmdqEnt cmd, long iova, long size, long granule, ArmSmmuDomain domain) {
        try (Frame f = k.enter("__arm_smmu_tlb_inv_range")) {
            ArmSmmuDevice smmu = domain.smmu;
            if (size == 0) return;
            long end = iova + size;
            long invRange = granule;
            long numPages = 0;
            int tg = Long.numberOfTrailingZeros(domain.pgsizeBitmap);
            boolean ril = smmu.has(Feature.RANGE_INV);
            if (ril) {
                numPages = size >>> tg;
                int tgField = (tg - 10) / 2;
                int ttl = cmd.leaf() ? 4 - ((Long.numberOfTrailingZeros(granule) - 3) / (tg - 3)) : 0;
                cmd = new CmdqEnt(cmd.opcode(), 0, 0, false, cmd.leaf(), cmd.asid(), 0, 0, tgField, ttl, 0, 0, 0);
            }
            ArmSmmuCmdq.Batch cmds = smmu.cmdq.batch();
            while (iova < end) {
                int num = 0;
                int scale = 0;
                if (ril) {
                    scale = Long.numberOfTrailingZeros(numPages);
                    num = (int) ((numPages >>> scale) & InvCode.CMDQ_TLBI_RANGE_NUM_MAX);
                    invRange = (long) num << (scale + tg);
                    numPages -= (long) num << scale;
                    num -= 1;
                }
                cmds.add(cmd.withRange(iova, num, scale));
                iova += invRange;
            }
            cmds.submit();
        }
    }
}
