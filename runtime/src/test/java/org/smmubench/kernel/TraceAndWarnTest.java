package org.smmubench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smmubench.kernel.Violation;

class TraceAndWarnTest {
    private final KernelFixture fx = new KernelFixture();
    private final Kernel k = fx.k;

    @Test
    void traceRecordsIndentedEntriesExitsAndDriverLines() {
        k.trace("dropped: tracing is off");
        k.setTracing(true);
        try (var f = k.enter("arm_smmu_write_ctx_desc")) {
            try (var g = k.enter("arm_smmu_sync_cd")) {
                k.trace("CMD_CFGI_CD sid=0x100 ssid=0x400 leaf=1");
            }
        }
        assertEquals(List.of("-> arm_smmu_write_ctx_desc", "  -> arm_smmu_sync_cd",
                "    CMD_CFGI_CD sid=0x100 ssid=0x400 leaf=1", "  <- arm_smmu_sync_cd",
                "<- arm_smmu_write_ctx_desc"), k.drainTrace());
        assertEquals(List.of(), k.drainTrace(), "drained");
    }

    @Test
    void traceShowsLockOperationsAsOneLineEach() {
        Mutex sva = k.mutex("sva_lock");
        SpinLock devices = k.spinLock("&smmu_domain->devices_lock");
        k.setTracing(true);
        try (var f = k.enter("arm_smmu_mm_release")) {
            sva.lock();
            long flags = devices.lockIrqsave();
            devices.unlockIrqrestore(flags);
            sva.unlock();
        }
        assertEquals(List.of("-> arm_smmu_mm_release", "  mutex_lock(sva_lock)",
                "  spin_lock_irqsave(&smmu_domain->devices_lock)",
                "  spin_unlock_irqrestore(&smmu_domain->devices_lock)", "  mutex_unlock(sva_lock)",
                "<- arm_smmu_mm_release"), k.drainTrace());
    }

    @Test
    void warnOnOnceFiresOncePerSite() {
        try (var f = k.enter("arm_smmu_entry_qword_diff")) {
            assertFalse(k.warnOnOnce("site-a", false, "not yet"));
            assertTrue(k.warnOnOnce("site-a", true, "first"));
            assertTrue(k.warnOnOnce("site-a", true, "second: silent, still true"));
            assertTrue(k.warnOnOnce("site-b", true, "another site"));
        }
        assertEquals(2, fx.of("kernel-warn").size());
    }

    @Test
    void warnOnFiresWithTheCallTrace() {
        try (var f = k.enter("arm_smmu_sva_set_dev_pasid");
             var g = k.enter("arm_smmu_write_ctx_desc")) {
            assertFalse(k.warnOn(false, "never"));
            assertTrue(k.warnOn(true, "ssid >= (1 << cd_table->s1cdmax)"));
        }
        Violation v = fx.only("kernel-warn");
        assertEquals("ssid >= (1 << cd_table->s1cdmax) in arm_smmu_write_ctx_desc", v.message());
        assertEquals(List.of("arm_smmu_write_ctx_desc", "arm_smmu_sva_set_dev_pasid"), v.backtrace());
        // A bare WARN_ON prints no message: the cut line, then the WARNING header at once.
        assertTrue(v.splat().startsWith("------------[ cut here ]------------\nWARNING: CPU: 0 PID: 1 at "
                + "drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c arm_smmu_write_ctx_desc\n"), v.splat());
        assertFalse(v.splat().contains("s1cdmax"), v.splat());
        assertTrue(v.splat().contains("Call trace:\n arm_smmu_write_ctx_desc\n arm_smmu_sva_set_dev_pasid\n"), v.splat());
    }

    @Test
    void warnWithAMessagePrintsItAboveTheHeader() {
        try (var f = k.enter("ida_free")) {
            k.warn("ida_free called for id=3 which is not allocated.");
        }
        Violation v = fx.only("kernel-warn");
        assertTrue(v.splat().startsWith("------------[ cut here ]------------\n"
                + "ida_free called for id=3 which is not allocated.\n"
                + "WARNING: CPU: 0 PID: 1 at ida_free\n"), v.splat());
    }

    @Test
    void framesMustCloseInnermostFirst() {
        var outer = k.enter("a");
        k.enter("b");
        assertThrows(IllegalStateException.class, outer::close);
    }

    @Test
    void twoKernelsShareNothing() {
        Kernel other = new Kernel(fx.mem);
        SpinLock l = k.spinLock("x");
        l.lock();
        assertEquals(1, k.current().preemptCount());
        assertEquals(0, other.current().preemptCount());
        l.unlock();
    }
}
