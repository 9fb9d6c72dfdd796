package org.smmubench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.smmubench.kernel.KernelEventLog.Event;
import org.smmubench.kernel.KernelEventLog.Kind;

/** The kernel's opt-in event log: what a report's timeline is drawn from. */
class EventLogTest {
    private final KernelFixture f = new KernelFixture();

    private static String show(Event e) {
        return e.kind() + " " + e.name() + " @" + e.depth();
    }

    @Test
    void aSleepingAllocationUnderAnIrqsaveSpinlockIsLoggedInOrder() {
        KernelEventLog log = new KernelEventLog();
        f.k.attachEventLog(log);
        SpinLock l = f.k.spinLock("&smmu_domain->devices_lock");
        try (Frame outer = f.k.enter("arm_smmu_mmu_notifier_get")) {
            long flags = l.lockIrqsave();
            f.k.dmamAllocCoherent(null, null, 0x10000, Gfp.GFP_KERNEL);
            l.unlockIrqrestore(flags);
        }
        List<String> seen = log.events().stream().map(EventLogTest::show).toList();
        assertEquals(List.of(
                "ENTER arm_smmu_mmu_notifier_get @1",
                "IRQ_OFF irqs @1",
                "PREEMPT_OFF preempt_count @1",
                "LOCK &smmu_domain->devices_lock @1",
                "ENTER dmam_alloc_coherent @2",
                "EXIT dmam_alloc_coherent @2",
                "UNLOCK &smmu_domain->devices_lock @1",
                "PREEMPT_ON preempt_count @1",
                "IRQ_ON irqs @1",
                "EXIT arm_smmu_mmu_notifier_get @1"), seen);
        // Every event knows the outermost function it ran under: the context of its lane.
        log.events().forEach(e -> assertEquals("arm_smmu_mmu_notifier_get", e.root()));
        // The atomic-sleep check fired, and the detector itself is unchanged by the log.
        assertEquals(1, f.of("atomic-sleep").size());
    }

    @Test
    void marksComeFromTheBenchAndNothingIsLoggedWithoutALog() {
        try (Frame outer = f.k.enter("iommu_sva_bind_device")) {
            f.k.logMark(Kind.COMMAND, "CMD_SYNC", "");
        }
        KernelEventLog log = new KernelEventLog();
        f.k.attachEventLog(log);
        f.k.logMark(Kind.STEP, "bind nic0 proc1", "1");
        try (Frame outer = f.k.enter("iommu_sva_bind_device")) {
            f.k.logMark(Kind.COMMAND, "CMD_SYNC", "CMD_SYNC CS=0x1");
        }
        f.k.attachEventLog(null);
        try (Frame outer = f.k.enter("iommu_sva_unbind_device")) {
            f.k.logMark(Kind.VIOLATION, "dma-leak", "not logged");
        }
        assertEquals(List.of("STEP bind nic0 proc1 @0", "ENTER iommu_sva_bind_device @1", "COMMAND CMD_SYNC @1",
                "EXIT iommu_sva_bind_device @1"), log.events().stream().map(EventLogTest::show).toList());
    }

    @Test
    void theKernelRecordsItsOwnTransitionsAndTheBenchMayNotMarkThem() {
        f.k.attachEventLog(new KernelEventLog());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> f.k.logMark(Kind.LOCK, "sva_lock", ""));
    }
}
