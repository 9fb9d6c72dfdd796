package org.smmubench.driver;

import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Kernel;
import org.smmubench.kernel.KernelFunction;

/**
 * The functions of arm-smmu-v3.c's invalidation code that modelled upstream commits change,
 * as v6.8 released them. A commit subclasses this and overrides the functions it touched;
 * {@link InvCode} calls each through its {@link org.smmubench.kernel.FunctionTable}.
 */
public class InvFunctions {
    protected final InvCode inv;
    protected final Kernel k;

    public InvFunctions(InvCode inv) {
        this.inv = inv;
        this.k = inv.k;
    }

    /**
     * __arm_smmu_tlb_inv_range (v6.8): without RIL one command per granule; with RIL a few
     * commands, each covering NUM+1 chunks of 2^SCALE pages of the leaf size. A non-leaf
     * range leaves TTL at 0 (6833b8f2e199), and one whose page count is 1 modulo 32 is
     * rounded up a page, so no command has TTL, NUM and SCALE all 0 (eb6c97647be2). The leaf
     * size is __ffs of the domain's pgsize_bitmap.
     *
     * <p>A domain without a pgsize_bitmap (a 6.11 SVA domain before 12f78021973a) is C's
     * undefined behaviour; this models what arm64 code does with it: __ffs(0) is
     * __builtin_ctzl(0), an RBIT and a CLZ, which give 64 (as Long.numberOfTrailingZeros
     * does), and a shift by a register takes the amount modulo 64 (LSLV/LSRV, as Java's long
     * shifts do). The compiled kernel was not inspected.
     */
    @KernelFunction("__arm_smmu_tlb_inv_range")
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
                // A non-leaf command with TTL, NUM and SCALE all 0 is what eb6c97647be2 calls
                // invalid; over-invalidating one page avoids it.
                if (!cmd.leaf() && (numPages & InvCode.CMDQ_TLBI_RANGE_NUM_MAX) == 1) numPages++;
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
