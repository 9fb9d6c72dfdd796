package org.smmubench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FailureInjectionTest {
    private final KernelFixture fx = new KernelFixture();
    private final Kernel k = fx.k;

    private Object bond(String dev) {
        return k.kzalloc("kzalloc.bond", dev, Gfp.GFP_KERNEL, Object::new);
    }

    @Test
    void exactlyTheNthHitFails() {
        k.failures().arm("kzalloc.bond", 3, null);
        assertNotNull(bond("a"));
        assertNotNull(bond("b"));
        assertNull(bond("a"));
        assertNotNull(bond("a"), "fires once");
        assertEquals(3, k.liveAllocations().size(), "the failed allocation is not tracked");
    }

    @Test
    void onlyHitsForTheNamedDeviceCount() {
        k.failures().arm("mmu_notifier_register", 2, "dev1");
        assertFalse(k.inject("mmu_notifier_register", "dev0"));
        assertFalse(k.inject("mmu_notifier_register", "dev1"));
        assertFalse(k.inject("mmu_notifier_register", "dev0"));
        assertFalse(k.inject("mmu_notifier_register", null));
        assertTrue(k.inject("mmu_notifier_register", "dev1"));
        assertEquals(1, k.failures().fired().size());
        assertEquals(0, k.failures().pending().size());
    }

    @Test
    void severalArmedEntriesCoexist() {
        k.failures().arm("xa_alloc.asid", 1, null);
        k.failures().arm("xa_alloc.asid", 2, null);
        k.failures().arm("kzalloc.cd", 1, null);
        XArray<String> xa = k.xarray("arm_smmu_asid_xa", 1);
        assertEquals(-Errno.ENOMEM, xa.alloc("xa_alloc.asid", null, "x", 1, 15, Gfp.GFP_KERNEL));
        assertEquals(-Errno.ENOMEM, xa.alloc("xa_alloc.asid", null, "x", 1, 15, Gfp.GFP_KERNEL));
        assertEquals(1, xa.alloc("xa_alloc.asid", null, "x", 1, 15, Gfp.GFP_KERNEL));
        assertEquals(1, k.failures().pending().size());
        assertNull(k.kzalloc("kzalloc.cd", null, Gfp.GFP_KERNEL, Object::new));
    }

    @Test
    void unknownSiteIsRejectedListingTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> k.failures().arm("kzalloc.bogus", 1, null));
        assertTrue(e.getMessage().contains("kzalloc.bogus"), e.getMessage());
        assertTrue(e.getMessage().contains("dma_alloc.cd_leaf"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> k.failures().arm("kzalloc.bond", 0, null));
    }

    @Test
    void injectedDmaFailureReturnsNullWithoutTouchingMemory() {
        k.failures().arm("dma_alloc.cd_leaf", 1, "dev0");
        assertNull(k.dmamAllocCoherent("dma_alloc.cd_leaf", "dev0", 0x10000, Gfp.GFP_KERNEL));
        assertEquals(0, fx.mem.allocatedBytes());
    }
}
