package org.smmubench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smmubench.kernel.Violation;

class AtomicSleepTest {
    private final KernelFixture fx = new KernelFixture();
    private final Kernel k = fx.k;

    /** The seed bug's shape: a CD leaf allocated with GFP_KERNEL under devices_lock (irqsave). */
    private void leafAllocUnderDevicesLock(Gfp gfp) {
        Mutex sva = k.mutex("sva_lock");
        SpinLock devices = k.spinLock("&smmu_domain->devices_lock");
        try (var f = k.enter("arm_smmu_sva_set_dev_pasid")) {
            sva.lock();
            try (var g = k.enter("arm_smmu_mmu_notifier_get")) {
                long flags = devices.lockIrqsave();
                try (var h = k.enter("arm_smmu_write_ctx_desc");
                     var i = k.enter("arm_smmu_get_cd_ptr");
                     var j = k.enter("arm_smmu_alloc_cd_leaf_table")) {
                    assertNotNull(k.dmamAllocCoherent("dma_alloc.cd_leaf", "dev0", 0x10000, gfp));
                }
                devices.unlockIrqrestore(flags);
            }
            sva.unlock();
        }
    }

    @Test
    void gfpKernelUnderSpinLockIrqsaveGivesAtomicSleepSplatWithLocksAndTraceInnermostFirst() {
        leafAllocUnderDevicesLock(Gfp.GFP_KERNEL);

        Violation v = fx.only("atomic-sleep");
        assertTrue(v.message().startsWith("GFP_KERNEL allocation with IRQs disabled"), v.message());
        assertEquals(List.of("dmam_alloc_coherent", "arm_smmu_alloc_cd_leaf_table", "arm_smmu_get_cd_ptr",
                "arm_smmu_write_ctx_desc", "arm_smmu_mmu_notifier_get", "arm_smmu_sva_set_dev_pasid"), v.backtrace());
        assertEquals(List.of("sva_lock", "&smmu_domain->devices_lock"), v.locksHeld());
        String s = v.splat();
        // The might_sleep site is might_alloc's (include/linux/sched/mm.h), not the caller;
        // arm64 prints the masked DAIF I bit (128) for irqs_disabled().
        assertTrue(s.startsWith("BUG: sleeping function called from invalid context at include/linux/sched/mm.h\n"
                + "in_atomic(): 1, irqs_disabled(): 128, non_block: 0, pid: 1, name: smmu-bench\n"
                + "preempt_count: 1, expected: 0\n"
                + "RCU nest depth: 0, expected: 0\n"
                + "2 locks held by smmu-bench/1:\n"
                + " #0: (sva_lock){+.+.}-{3:3}, at: arm_smmu_sva_set_dev_pasid\n"
                + " #1: (&smmu_domain->devices_lock){....}-{2:2}, at: arm_smmu_mmu_notifier_get\n"), s);
        assertTrue(s.contains("\nPreemption disabled at:\narm_smmu_mmu_notifier_get\nCPU: 0 PID: 1"), s);
        assertTrue(s.contains("Call trace:\n dmam_alloc_coherent\n arm_smmu_alloc_cd_leaf_table\n"
                + " arm_smmu_get_cd_ptr\n arm_smmu_write_ctx_desc\n arm_smmu_mmu_notifier_get\n"
                + " arm_smmu_sva_set_dev_pasid\n"), s);
        assertTrue(s.contains("hardirqs last disabled at (1): spin_lock_irqsave(&smmu_domain->devices_lock)"
                + " in arm_smmu_mmu_notifier_get"), s);
        assertEquals(List.of(), fx.of("lock-balance"), "the scenario itself is balanced");
    }

    @Test
    void gfpAtomicUnderSpinLockIrqsaveIsFine() {
        leafAllocUnderDevicesLock(Gfp.GFP_ATOMIC);
        assertEquals(List.of(), fx.violations);
    }

    @Test
    void gfpKernelUnderPlainSpinLockFiresWithIrqsEnabled() {
        SpinLock l = k.spinLock("&smmu->streams_lock");
        try (var f = k.enter("arm_smmu_insert_master")) {
            l.lock();
            k.kzalloc(null, null, Gfp.GFP_KERNEL, Object::new);
            l.unlock();
        }
        Violation v = fx.only("atomic-sleep");
        assertTrue(v.message().startsWith("GFP_KERNEL allocation with a spinlock held"), v.message());
        assertTrue(v.splat().contains("in_atomic(): 1, irqs_disabled(): 0,"), v.splat());
        assertTrue(!v.splat().contains("irq event stamp"), "no irq stamp lines with IRQs on");
        assertEquals(List.of("kzalloc", "arm_smmu_insert_master"), v.backtrace());
    }

    @Test
    void mutexLockUnderSpinLockFires() {
        SpinLock devices = k.spinLock("&smmu_domain->devices_lock");
        Mutex sva = k.mutex("sva_lock");
        try (var f = k.enter("arm_smmu_mm_release")) {
            devices.lock();
            sva.lock();
            sva.unlock();
            devices.unlock();
        }
        Violation v = fx.only("atomic-sleep");
        assertTrue(v.message().startsWith("mutex_lock(sva_lock) with a spinlock held"), v.message());
        assertEquals(List.of("mutex_lock", "arm_smmu_mm_release"), v.backtrace());
        assertEquals(List.of("&smmu_domain->devices_lock"), v.locksHeld(), "checked before the mutex is taken");
    }

    @Test
    void nestedMutexesAloneAreFine() {
        Mutex sva = k.mutex("sva_lock");
        Mutex asid = k.mutex("arm_smmu_asid_lock");
        try (var f = k.enter("arm_smmu_alloc_shared_cd")) {
            sva.lock();
            asid.lock();
            k.kzalloc("kzalloc.cd", null, Gfp.GFP_KERNEL, Object::new);
            k.mightSleep("mmu_notifier_register");
            asid.unlock();
            sva.unlock();
        }
        assertEquals(List.of(), fx.violations);
    }

    @Test
    void mightSleepUnderLocalIrqSaveNamesTheOpInnermost() {
        try (var f = k.enter("arm_smmu_mmu_notifier_get")) {
            long flags = k.localIrqSave();
            k.mightSleep("mmu_notifier_register");
            k.localIrqRestore(flags);
        }
        Violation v = fx.only("atomic-sleep");
        assertEquals(List.of("mmu_notifier_register", "arm_smmu_mmu_notifier_get"), v.backtrace());
        assertTrue(v.splat().contains("in_atomic(): 0, irqs_disabled(): 128,"), v.splat());
        assertTrue(v.splat().startsWith("BUG: sleeping function called from invalid context at kernel/locking/rwsem.c\n"),
                "mmu_notifier_register first sleeps in down_write (mmap_write_lock): " + v.splat());
        assertFalse(v.splat().contains("Preemption disabled at:"), "preempt_count is the expected 0: " + v.splat());
        assertTrue(v.splat().contains("no locks held by smmu-bench/1."), v.splat());
    }

    @Test
    void gfpKernelXaAllocUnderSpinLockIsASleepingOp() {
        SpinLock l = k.spinLock("&smmu_domain->devices_lock");
        XArray<String> xa = k.xarray("arm_smmu_asid_xa", 1);
        try (var f = k.enter("arm_smmu_share_asid")) {
            l.lock();
            xa.alloc(null, null, "cd", 1, 255, Gfp.GFP_KERNEL);
            xa.alloc(null, null, "cd", 1, 255, Gfp.GFP_ATOMIC);
            l.unlock();
        }
        assertEquals(List.of("xa_alloc", "arm_smmu_share_asid"), fx.only("atomic-sleep").backtrace());
    }
}
