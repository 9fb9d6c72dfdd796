package org.smmubench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smmubench.kernel.Violation;

class LockOrderTest {
    private final KernelFixture fx = new KernelFixture();
    private final Kernel k = fx.k;
    private final Mutex sva = k.mutex("sva_lock");
    private final Mutex asid = k.mutex("arm_smmu_asid_lock");

    private void nest(String fn, Mutex outer, Mutex inner) {
        try (var f = k.enter(fn)) {
            outer.lock();
            try (var g = k.enter(fn + "_inner")) {
                inner.lock();
                inner.unlock();
            }
            outer.unlock();
        }
    }

    @Test
    void abbaOrderReportsCircularDependencyWithBothChains() {
        nest("arm_smmu_sva_bind", sva, asid);
        assertEquals(List.of(), fx.violations, "one order alone is fine");
        nest("arm_smmu_domain_finalise", asid, sva);

        Violation v = fx.only("lock-order");
        assertEquals(List.of("mutex_lock", "arm_smmu_domain_finalise_inner", "arm_smmu_domain_finalise"), v.backtrace());
        assertEquals(List.of("arm_smmu_asid_lock"), v.locksHeld());
        String s = v.splat();
        assertTrue(s.contains("WARNING: possible circular locking dependency detected\n"), s);
        assertTrue(s.contains("is trying to acquire lock:\n (sva_lock){+.+.}, at: arm_smmu_domain_finalise_inner\n"), s);
        assertTrue(s.contains("but task is already holding lock:\n (arm_smmu_asid_lock){+.+.}, at: arm_smmu_domain_finalise\n"), s);
        // The existing chain: where asid_lock was taken under sva_lock, remembered from the first call.
        assertTrue(s.contains("-> #1 (arm_smmu_asid_lock){+.+.}:\n       arm_smmu_sva_bind_inner\n       arm_smmu_sva_bind\n"), s);
        // The new one: the current acquisition.
        assertTrue(s.contains("-> #0 (sva_lock){+.+.}:\n       mutex_lock\n       arm_smmu_domain_finalise_inner\n"), s);
        assertTrue(s.contains("  lock(arm_smmu_asid_lock);\n                               lock(sva_lock);\n"), s);
    }

    @Test
    void aCycleIsReportedOnce() {
        nest("a", sva, asid);
        nest("b", asid, sva);
        nest("b", asid, sva);
        nest("a", sva, asid);
        assertEquals(1, fx.of("lock-order").size());
    }

    @Test
    void threeLockCycleIsFoundThroughTheChain() {
        Mutex group = k.mutex("&group->mutex");
        nest("a", group, sva);
        nest("b", sva, asid);
        assertEquals(List.of(), fx.violations);
        nest("c", asid, group);
        Violation v = fx.only("lock-order");
        assertTrue(v.splat().contains("Chain exists of:\n  &group->mutex --> sva_lock --> arm_smmu_asid_lock\n"), v.splat());
    }

    @Test
    void twoInstancesOfOneClassNestedIsNotACycle() {
        Mutex g1 = k.mutex("&group->mutex");
        Mutex g2 = k.mutex("&group->mutex");
        nest("a", g1, g2);
        nest("b", g2, g1);
        assertEquals(List.of(), fx.violations);
    }

    @Test
    void recursiveLockOfTheSameMutexIsAKernelWarning() {
        try (var f = k.enter("arm_smmu_sva_bind")) {
            sva.lock();
            sva.lock();
            sva.unlock();
            sva.unlock();
        }
        Violation v = fx.only("kernel-warn");
        assertTrue(v.splat().contains("WARNING: possible recursive locking detected"), v.splat());
        assertEquals(List.of(), fx.of("lock-balance"));
    }
}
