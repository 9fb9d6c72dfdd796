package org.smmubench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smmubench.kernel.Violation;

class AllocationTrackingTest {
    private final KernelFixture fx = new KernelFixture();
    private final Kernel k = fx.k;

    static final class Bond {}

    private Bond allocBond() {
        try (var f = k.enter("__arm_smmu_sva_bind")) {
            return k.kzalloc("kzalloc.bond", "dev0", Gfp.GFP_KERNEL, Bond::new);
        }
    }

    private void free(Object o) {
        try (var f = k.enter("arm_smmu_sva_remove_dev_pasid")) {
            k.kfree(o);
        }
    }

    @Test
    void leakedAllocationIsListedWithSiteAndBacktrace() {
        Bond kept = allocBond();
        free(allocBond());
        List<Allocation> live = k.liveAllocations();
        assertEquals(1, live.size());
        Allocation a = live.get(0);
        assertEquals(kept, a.object());
        assertEquals("kzalloc", a.allocator());
        assertEquals("kzalloc.bond", a.site());
        assertEquals("__arm_smmu_sva_bind", a.caller());
        assertEquals(List.of("kzalloc", "__arm_smmu_sva_bind"), a.backtrace());
        assertEquals(1, k.leakReport(false).size());
        assertEquals("dma-leak", k.leakReport(false).get(0).invariant());
    }

    @Test
    void doubleFreeIsCaughtWithBothFreeSites() {
        Bond b = allocBond();
        free(b);
        assertEquals(List.of(), fx.violations);
        free(b);
        Violation v = fx.only("dma-leak");
        assertTrue(v.message().startsWith("double free: kfree of kzalloc (kzalloc.bond) of Bond in __arm_smmu_sva_bind"),
                v.message());
        assertTrue(v.splat().contains("BUG: KASAN: double-free in arm_smmu_sva_remove_dev_pasid"), v.splat());
        assertTrue(v.splat().contains("Freed by task 1:\n kfree\n arm_smmu_sva_remove_dev_pasid\n"), v.splat());
    }

    @Test
    void freeOfAnUnknownObjectIsInvalidFreeAndKfreeNullIsFine() {
        free(null);
        assertEquals(List.of(), fx.violations);
        free(new Bond());
        assertTrue(fx.only("dma-leak").message().startsWith("invalid free"));
    }

    @Test
    void useAfterFreeIsFlagged() {
        Bond b = allocBond();
        assertTrue(k.checkUse(b));
        free(b);
        try (var f = k.enter("arm_smmu_mm_release")) {
            assertFalse(k.checkUse(b));
        }
        Violation v = fx.only("dma-leak");
        assertTrue(v.message().contains("use after free"), v.message());
        assertTrue(v.message().endsWith("used in arm_smmu_mm_release"), v.message());
    }

    @Test
    void dmaBufferComesFromPhysMemoryAlignedAndIsReturnedOnFree() {
        DmaBuffer b;
        try (var f = k.enter("arm_smmu_alloc_cd_leaf_table")) {
            b = k.dmamAllocCoherent("dma_alloc.cd_leaf", "dev0", 0x10000, Gfp.GFP_KERNEL);
        }
        assertNotNull(b);
        assertEquals(0, b.dma() % 0x10000, "naturally aligned like the page allocator");
        assertTrue(fx.mem.isAllocated(b.dma()));
        assertTrue(k.liveAllocations().get(0).managed());
        try (var f = k.enter("arm_smmu_free_cd_tables")) {
            k.dmamFreeCoherent(b);
            k.dmamFreeCoherent(b);
        }
        assertFalse(fx.mem.isAllocated(b.dma()));
        assertEquals(List.of(), k.liveAllocations());
        assertTrue(fx.only("dma-leak").message().startsWith("double free"));
    }

    @Test
    void kcallocPassesTheCountAndRecordsIt() {
        Object[] arr;
        try (var f = k.enter("arm_smmu_alloc_cd_tables")) {
            arr = k.devmKcalloc("dma_alloc.cd_table", null, 4, Gfp.GFP_KERNEL, Object[]::new);
        }
        assertEquals(4, arr.length);
        assertEquals(4, k.liveAllocations().get(0).size());
    }
}
