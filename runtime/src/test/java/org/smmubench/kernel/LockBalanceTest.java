package org.smmubench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smmubench.kernel.Violation;

class LockBalanceTest {
    private final KernelFixture fx = new KernelFixture();
    private final Kernel k = fx.k;

    @Test
    void lockStillHeldWhenOutermostCallReturnsIsLockBalance() {
        Mutex sva = k.mutex("sva_lock");
        try (var f = k.enter("iommu_sva_bind_device")) {
            try (var g = k.enter("arm_smmu_sva_set_dev_pasid")) {
                sva.lock();
            }
            assertEquals(List.of(), fx.violations, "only the outermost return checks");
        }
        Violation v = fx.only("lock-balance");
        assertEquals("sva_lock (taken in arm_smmu_sva_set_dev_pasid) still held when iommu_sva_bind_device returns",
                v.message());
        assertEquals(List.of("sva_lock"), v.locksHeld());
        assertTrue(v.splat().contains(" #0: (sva_lock){+.+.}-{3:3}, at: arm_smmu_sva_set_dev_pasid\n"), v.splat());
        // Reported once, then forgotten: the next call starts clean.
        assertFalse(sva.isHeld());
        try (var f = k.enter("iommu_sva_unbind_device")) {
            k.kzalloc(null, null, Gfp.GFP_KERNEL, Object::new);
        }
        assertEquals(1, fx.violations.size());
    }

    @Test
    void leakedSpinLockIrqsaveIsOneReportAndRestoresTheContext() {
        SpinLock devices = k.spinLock("&smmu_domain->devices_lock");
        try (var f = k.enter("arm_smmu_mmu_notifier_get")) {
            devices.lockIrqsave();
        }
        Violation v = fx.only("lock-balance");
        assertTrue(v.message().contains("&smmu_domain->devices_lock"), v.message());
        assertEquals(0, k.current().preemptCount());
        assertFalse(k.current().irqsDisabled());
    }

    @Test
    void irqrestoreOutOfNestingOrderIsLockBalance() {
        SpinLock devices = k.spinLock("&smmu_domain->devices_lock");
        try (var f = k.enter("arm_smmu_atc_inv_domain")) {
            long outer = devices.lockIrqsave();
            long inner;
            try (var g = k.enter("arm_smmu_cmdq_issue_cmdlist")) {
                inner = k.localIrqSave();
            }
            devices.unlockIrqrestore(outer);
            k.localIrqRestore(inner);
        }
        List<Violation> vs = fx.of("lock-balance");
        assertEquals(1, vs.size(), fx.violations.toString());
        assertTrue(vs.get(0).message().startsWith("irqrestore out of nesting order in arm_smmu_atc_inv_domain"),
                vs.get(0).message());
        assertFalse(k.current().irqsDisabled());
    }

    @Test
    void irqrestoreWithUnknownFlagsIsLockBalance() {
        try (var f = k.enter("arm_smmu_cmdq_issue_cmdlist")) {
            long flags = k.localIrqSave();
            k.localIrqRestore(flags);
            k.localIrqRestore(flags);
        }
        assertTrue(fx.only("lock-balance").message().startsWith("irqrestore with flags"));
    }

    @Test
    void properlyNestedIrqsavesAreFine() {
        SpinLock devices = k.spinLock("&smmu_domain->devices_lock");
        try (var f = k.enter("arm_smmu_atc_inv_domain")) {
            long outer = devices.lockIrqsave();
            long inner = k.localIrqSave();
            k.localIrqRestore(inner);
            assertTrue(k.current().irqsDisabled(), "inner restore puts back the outer disabled state");
            devices.unlockIrqrestore(outer);
            assertFalse(k.current().irqsDisabled());
        }
        assertEquals(List.of(), fx.violations);
    }

    @Test
    void unlockOfALockNotHeldIsBadUnlockBalance() {
        Mutex sva = k.mutex("sva_lock");
        try (var f = k.enter("arm_smmu_sva_remove_dev_pasid")) {
            sva.unlock();
        }
        Violation v = fx.only("lock-balance");
        assertTrue(v.splat().contains("WARNING: bad unlock balance detected!"), v.splat());
        assertTrue(v.splat().contains("is trying to release lock (sva_lock) at:\narm_smmu_sva_remove_dev_pasid\n"), v.splat());
    }

    @Test
    void primitivesCalledOutsideAnyFrameDoNotCheckBalance() {
        SpinLock l = k.spinLock("&smmu_domain->devices_lock");
        l.lock();
        k.kzalloc(null, null, Gfp.GFP_ATOMIC, Object::new);
        assertEquals(List.of(), fx.of("lock-balance"), "the allocator's own frame is not an outermost call");
        l.unlock();
    }
}
