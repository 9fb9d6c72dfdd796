package org.smmubench.bench.report;

import java.util.List;
import java.util.Set;

import org.smmubench.bench.RecordedViolation;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.StepFailure;
import org.smmubench.kernel.Violation;

/** Hand-built results shaped like the seed reproducer (b5bf7778) on both drivers. */
final class SampleResults {
    static final String FILE = "examples/seed/leaf-at-1024.yaml";
    static final String NAME = "first SVA bind at PASID 1024 allocates a CD leaf";
    static final String SPLAT = """
            BUG: sleeping function called from invalid context at include/linux/sched/mm.h
            in_atomic(): 1, irqs_disabled(): 128, non_block: 0, pid: 1, name: smmu-bench
            preempt_count: 1, expected: 0
            RCU nest depth: 0, expected: 0
            1 lock held by smmu-bench/1:
             #0: (&smmu_domain->devices_lock){....}-{2:2}, at: arm_smmu_mmu_notifier_get
            Preemption disabled at:
            arm_smmu_mmu_notifier_get
            Call trace:
             dmam_alloc_coherent
             arm_smmu_alloc_cd_leaf_table
            """;

    static final String STEP_MESSAGE = "step 2 (dma nic0 proc1 write 0x400000) at " + FILE
            + ":17:5: expected ok, got C_BAD_CD (dma write 0x400000 aborted: V=0 (C_BAD_CD))";

    private SampleResults() {}

    static RecordedViolation atomicSleep() {
        return new RecordedViolation(1, "bind nic0 proc1", new Violation("atomic-sleep",
                "GFP_KERNEL allocation with IRQs disabled",
                List.of("dmam_alloc_coherent", "arm_smmu_alloc_cd_leaf_table", "arm_smmu_mmu_notifier_get"),
                List.of("iommu_sva_lock", "&smmu_domain->devices_lock"), SPLAT));
    }

    /** Pre-fix: atomic-sleep expected and seen. */
    static RunResult preFixPassed(long ms) {
        return new RunResult(NAME, FILE, "v6.8-b5bf7778b722", "passed", Set.of("atomic-sleep"), Set.of("atomic-sleep"),
                List.of(atomicSleep()), List.of(), List.of("arm_smmu_sva_set_dev_pasid", "  CMD_SYNC"), ms);
    }

    /** Fixed driver, but a DMA step failed and a state violation appeared. */
    static RunResult fixedFailed(long ms) {
        return new RunResult(NAME, FILE, "v6.8", "failed", Set.of(), Set.of("cd-placement"),
                List.of(new RecordedViolation(2, "dma nic0 proc1 write 0x400000",
                        Violation.ofState("cd-placement", "no valid CD for PASID 0x400 in nic0 <&\"'>"))),
                List.of(new StepFailure(2, "dma nic0 proc1 write 0x400000", "ok", "C_BAD_CD", STEP_MESSAGE)),
                List.of(), ms);
    }

    /** Pre-fix, expecting nothing: three leaf allocations under the spinlock (steps 4, 8, 12), one splat. */
    static RunResult repeated() {
        RecordedViolation v = new RecordedViolation(4, "bind nic0 p1", atomicSleep().violation())
                .repeatedAt(8, "bind nic0 p2").repeatedAt(12, "bind nic0 p3");
        return new RunResult("three leaves", FILE, "v6.8-pre-fix", "failed", Set.of(), Set.of("atomic-sleep"),
                List.of(v), List.of(), List.of(), 5);
    }

    static List<RunResult> both(long ms) {
        return List.of(preFixPassed(ms), fixedFailed(ms + 1));
    }
}
