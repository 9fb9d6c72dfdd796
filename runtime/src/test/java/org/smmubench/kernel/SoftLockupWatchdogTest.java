package org.smmubench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The soft-lockup watchdog: a budget of commands per kernel entry point, and a stop for endless loops. */
class SoftLockupWatchdogTest {
    private final KernelFixture fx = new KernelFixture();
    private final Kernel k = fx.k;

    private void work(String entry, long units) {
        try (var f = k.enter(entry)) {
            try (var g = k.enter("arm_smmu_cmdq_issue_cmdlist")) {
                for (long i = 0; i < units; i++) k.cpuWork();
            }
        }
    }

    @Test
    void anEntryPointWithinTheBudgetIsSilent() {
        work("__do_munmap", SoftLockupWatchdog.BUDGET);
        assertEquals(List.of(), fx.violations);
    }

    @Test
    void eachEntryPointStartsAFreshCount() {
        work("__do_munmap", SoftLockupWatchdog.BUDGET);
        work("__do_munmap", SoftLockupWatchdog.BUDGET);
        assertEquals(List.of(), fx.violations);
    }

    @Test
    void oneCommandPastTheBudgetFiresOnceWithTheCallTrace() {
        work("__do_munmap", SoftLockupWatchdog.BUDGET * 3);
        Violation v = fx.only("soft-lockup");
        assertEquals(List.of("arm_smmu_cmdq_issue_cmdlist", "__do_munmap"), v.backtrace());
        assertTrue(v.message().contains("in __do_munmap (stuck in arm_smmu_cmdq_issue_cmdlist)"), v.message());
        assertTrue(v.splat().startsWith("watchdog: BUG: soft lockup - CPU#0 stuck for more than 32768 commands"), v.splat());
    }

    @Test
    void anEndlessLoopIsAbandonedAndItsFramesUnwind() {
        CpuStuck stuck = assertThrows(CpuStuck.class, () -> {
            try (var f = k.enter("__do_munmap")) {
                try (var g = k.enter("__arm_smmu_tlb_inv_range")) {
                    while (true) k.cpuWork();
                }
            }
        });
        assertEquals("__arm_smmu_tlb_inv_range", stuck.function());
        assertEquals(List.of(), k.backtrace(), "the frames closed on the way out");
        fx.only("soft-lockup");
        // The next entry point runs normally.
        work("__do_munmap", 1);
        assertEquals(1, fx.of("soft-lockup").size());
    }
}
