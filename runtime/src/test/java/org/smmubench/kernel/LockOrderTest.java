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
        assertTrue(s.contains("is trying to acquire lock:\n (sva_lock){+.+.}-{3:3}, at: arm_smmu_domain_finalise_inner\n"), s);
        assertTrue(s.contains("but task is already holding lock:\n (arm_smmu_asid_lock){+.+.}-{3:3}, at: arm_smmu_domain_finalise\n"), s);
        // The existing chain: where asid_lock was taken under sva_lock, remembered from the first call.
        assertTrue(s.contains("-> #1 (arm_smmu_asid_lock){+.+.}-{3:3}:\n       arm_smmu_sva_bind_inner\n       arm_smmu_sva_bind\n"), s);
        // The new one: the current acquisition.
        assertTrue(s.contains("-> #0 (sva_lock){+.+.}-{3:3}:\n       mutex_lock\n       arm_smmu_domain_finalise_inner\n"), s);
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
    void twoInstancesOfOneClassNestedIsPossibleRecursiveLocking() {
        Mutex g1 = k.mutex("&group->mutex");
        Mutex g2 = k.mutex("&group->mutex");
        nest("iommu_group_broken", g1, g2);

        Violation v = fx.only("lock-order");
        assertEquals("possible recursive locking: &group->mutex taken in iommu_group_broken_inner while another"
                + " lock of the class is held (taken in iommu_group_broken)", v.message());
        String s = v.splat();
        assertTrue(s.startsWith("============================================\n"
                + "WARNING: possible recursive locking detected\n"
                + "--------------------------------------------\n"
                + "smmu-bench/1 is trying to acquire lock:\n"
                + " (&group->mutex){+.+.}-{3:3}, at: iommu_group_broken_inner\n"
                + "\nbut task is already holding lock:\n"
                + " (&group->mutex){+.+.}-{3:3}, at: iommu_group_broken\n"
                + "\nother info that might help us debug this:\n"
                + " Possible unsafe locking scenario:\n\n"
                + "       CPU0\n       ----\n"
                + "  lock(&group->mutex);\n  lock(&group->mutex);\n\n *** DEADLOCK ***\n\n"
                + " May be due to missing lock nesting notation\n\n"
                + "1 lock held by smmu-bench/1:\n"
                + " #0: (&group->mutex){+.+.}-{3:3}, at: iommu_group_broken\n"
                + "\nstack backtrace:\n"), s);
        assertEquals(List.of(), fx.of("lock-balance"), "both are released in order");
    }

    @Test
    void aNestingAnnotationMakesTheSecondInstanceAClassOfItsOwn() {
        Mutex g1 = k.mutex("&group->mutex");
        Mutex g2 = k.mutex("&group->mutex");
        try (var f = k.enter("iommu_group_pair")) {
            g1.lock();
            g2.lockNested(1);
            assertEquals(List.of("&group->mutex", "&group->mutex/1"), k.heldLockNames());
            g2.unlock();
            g1.unlock();
        }
        assertEquals(List.of(), fx.violations);
    }

    @Test
    void twoSpinlocksOfOneClassNestedFireAndSpinLockNestedDoesNot() {
        SpinLock a = k.spinLock("&smmu_domain->devices_lock");
        SpinLock b = k.spinLock("&smmu_domain->devices_lock");
        try (var f = k.enter("arm_smmu_pair")) {
            a.lock();
            b.lockNested(1);
            b.unlock();
            a.unlock();
        }
        assertEquals(List.of(), fx.violations);
        try (var f = k.enter("arm_smmu_pair_broken")) {
            a.lock();
            b.lock();
            b.unlock();
            a.unlock();
        }
        Violation v = fx.only("lock-order");
        assertTrue(v.splat().contains(" (&smmu_domain->devices_lock){....}-{2:2}, at: arm_smmu_pair_broken\n"), v.splat());
    }

    @Test
    void recursiveLockOfTheSameMutexIsLockOrder() {
        try (var f = k.enter("arm_smmu_sva_bind")) {
            sva.lock();
            sva.lock();
            sva.unlock();
            sva.unlock();
        }
        Violation v = fx.only("lock-order");
        assertTrue(v.message().contains("while the same lock is held"), v.message());
        assertTrue(v.splat().contains("WARNING: possible recursive locking detected"), v.splat());
        assertEquals(List.of(), fx.of("lock-balance"));
    }
}
