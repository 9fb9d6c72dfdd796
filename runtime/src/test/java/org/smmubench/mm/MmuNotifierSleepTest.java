package org.smmubench.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smmubench.hw.PhysMemory;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Kernel;
import org.smmubench.kernel.SpinLock;
import org.smmubench.kernel.Violation;

/**
 * mmu_notifier_register sleeps (mmap_lock for write); mmu_notifier_put does not (a spinlock
 * and call_srcu), so only the first may be flagged as atomic-sleep under a spinlock.
 */
class MmuNotifierSleepTest {
    private final Kernel k = new Kernel(new PhysMemory());
    private final MmWorld mms = new MmWorld(k, k.memory());
    private final List<Violation> violations = new ArrayList<>();
    private final Mm mm;
    private final MmuNotifier mn = new MmuNotifier() {
        @Override public void release(Mm m) {}
        @Override public void archInvalidateSecondaryTlbs(Mm m, long start, long end) {}
        @Override public void freeNotifier() {}
    };

    MmuNotifierSleepTest() {
        k.setViolationSink(violations::add);
        mm = mms.createProcess("proc1", null);
    }

    private List<String> invariants() { return violations.stream().map(Violation::invariant).toList(); }

    @Test
    void putUnderAnIrqsaveSpinlockIsNotAtomicSleep() {
        assertEquals(0, mms.mmuNotifierRegister(mn, mm, "dev0"));
        SpinLock devices = k.spinLock("&smmu_domain->devices_lock");
        try (Frame f = k.enter("arm_smmu_mmu_notifier_put")) {
            long flags = devices.lockIrqsave();
            mms.mmuNotifierPut(mn);
            devices.unlockIrqrestore(flags);
        }
        assertEquals(List.of(), invariants());
        assertTrue(!mn.isLinked(), "the last put unlinks the subscription");
        assertEquals(1, mms.srcuPendingCount(), "the free waits for the SRCU grace period");
        mms.synchronizeSrcu();
        assertTrue(mn.isFreed());
        assertEquals(List.of(), invariants());
    }

    @Test
    void registerUnderASpinlockIsStillAtomicSleep() {
        SpinLock devices = k.spinLock("&smmu_domain->devices_lock");
        try (Frame f = k.enter("arm_smmu_mmu_notifier_get")) {
            devices.lock();
            mms.mmuNotifierRegister(mn, mm, "dev0");
            devices.unlock();
        }
        assertTrue(invariants().contains("atomic-sleep"), violations.toString());
        assertTrue(violations.get(0).message().startsWith("mmu_notifier_register with a spinlock held"),
                violations.get(0).message());
    }

    @Test
    void putWithoutAReferenceStillWarns() {
        assertEquals(0, mms.mmuNotifierRegister(mn, mm, "dev0"));
        mms.mmuNotifierPut(mn);
        mms.mmuNotifierPut(mn);
        assertEquals(List.of("kernel-warn"), invariants());
        assertEquals(List.of(), k.heldLockNames(), "the subscriptions lock is dropped on the WARN path");
    }
}
