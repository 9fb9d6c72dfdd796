package org.smmubench.kernel;

import java.util.List;

/**
 * The soft-lockup watchdog (kernel/watchdog.c), counted instead of timed. The kernel's
 * watchdog fires when a CPU runs kernel code for more than 2 × watchdog_thresh (20 s by
 * default) without scheduling; the bench has no clock, so it counts the work one kernel entry
 * point does without a schedule point: today the commands written into the SMMU command
 * queue, the unit of work in every loop the modelled invalidation paths run.
 *
 * <p>The budget, {@value #BUDGET} commands, is the bench's own choice, not a kernel constant.
 * It is 64 × CMDQ_MAX_TLBI_OPS (512 with 4 KiB pages), the most TLBIs the fixed
 * arm_smmu_mm_arch_invalidate_secondary_tlbs issues for one range before it falls back to one
 * TLBI by ASID, and an eighth of the 262144 per-page TLBIs a 1 GiB munmap costs without that
 * clamp (the case d5afb4b47e13 reports: a 26 s soft lockup in arm_smmu_cmdq_issue_cmdlist).
 * No modelled correct flow comes near it.
 *
 * <p>Schedule points: the model's entry points (a step's outermost kernel function) start a
 * fresh count, and nothing inside one resets it. That is true of the paths that matter (the
 * notifier callback runs under the page-table lock, and the cmdq issue loop has no
 * cond_resched), but a long flow that does sleep midway would be over-counted.
 *
 * <p>A loop that never ends (95d4782c34a6 with RANGE_INV) must not hang the bench: past
 * {@value #ABANDON} commands the call is abandoned with {@link CpuStuck}, and the bench
 * reports the step as "hang". The real CPU would spin forever.
 */
final class SoftLockupWatchdog {
    /** Commands one entry point may issue without a schedule point. */
    static final long BUDGET = 1L << 15;
    /** Where the bench stops a runaway loop: 16 × the budget. */
    static final long ABANDON = BUDGET << 4;

    private long work;
    private boolean fired;

    /** A new entry point: the CPU has been through the scheduler since the last one. */
    void reset() {
        work = 0;
        fired = false;
    }

    /**
     * One unit of work; returns the splat to report when this unit crosses the budget, else
     * null. Throws {@link CpuStuck} when the entry point passes {@link #ABANDON}.
     */
    String tick(String function, List<String> backtrace) {
        work++;
        if (work > ABANDON) throw new CpuStuck(function, work - 1);
        if (work <= BUDGET || fired) return null;
        fired = true;
        return splat(function, backtrace);
    }

    boolean fired() { return fired; }

    private static String splat(String function, List<String> backtrace) {
        StringBuilder sb = new StringBuilder();
        // The kernel prints "stuck for NNs"; the bench counts commands, so it says that instead
        // of inventing a duration.
        sb.append("watchdog: BUG: soft lockup - CPU#0 stuck for more than ").append(BUDGET)
                .append(" commands without a schedule point! [").append(Task.COMM).append(':').append(Task.PID).append("]\n");
        sb.append("Modules linked in:\n");
        sb.append("pc : ").append(function).append('\n');
        Splats.callTrace(sb, backtrace);
        return sb.toString();
    }
}
