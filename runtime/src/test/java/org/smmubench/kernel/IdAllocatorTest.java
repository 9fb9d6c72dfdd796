package org.smmubench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdAllocatorTest {
    private final KernelFixture fx = new KernelFixture();
    private final Kernel k = fx.k;

    @Test
    void xaAllocHandsOutLowestFreeAndAlloc1NeverHandsOutZero() {
        XArray<String> xa = k.xarray("arm_smmu_asid_xa", 1);
        assertEquals(1, xa.alloc(null, null, "a", 0, 3, Gfp.GFP_KERNEL));
        assertEquals(2, xa.alloc(null, null, "b", 0, 3, Gfp.GFP_KERNEL));
        assertEquals("a", xa.erase(1));
        assertEquals(1, xa.alloc(null, null, "c", 0, 3, Gfp.GFP_KERNEL));
        assertEquals(3, xa.alloc(null, null, "d", 0, 3, Gfp.GFP_KERNEL));
        assertEquals(-Errno.EBUSY, xa.alloc(null, null, "e", 0, 3, Gfp.GFP_KERNEL), "range full");
        assertEquals(List.of(1, 2, 3), List.copyOf(xa.entries().keySet()));
        assertEquals("c", xa.load(1));
        assertNull(xa.erase(7));
    }

    @Test
    void xaAllocHonoursMin() {
        XArray<String> xa = k.xarray("x", 0);
        assertEquals(0, xa.alloc(null, null, "a", 0, 9, Gfp.GFP_KERNEL));
        assertEquals(5, xa.alloc(null, null, "b", 5, 9, Gfp.GFP_KERNEL));
    }

    @Test
    void xaInsertRefusesAnOccupiedIndex() {
        XArray<String> xa = k.xarray("arm_smmu_asid_xa", 1);
        assertEquals(0, xa.insert(null, null, 42, "cpu", Gfp.GFP_KERNEL));
        assertEquals(-Errno.EBUSY, xa.insert(null, null, 42, "other", Gfp.GFP_KERNEL));
        assertEquals("cpu", xa.load(42));
        assertEquals(1, xa.size());
        assertEquals(List.of(xa), k.xarrays());
    }

    @Test
    void idaAllocatesLowestFreeInRangeAndWarnsOnBadFree() {
        Ida ida = k.ida("iommu_global_pasid_ida");
        assertEquals(1, ida.allocRange(1, 3));
        assertEquals(2, ida.allocRange(1, 3));
        ida.free(1);
        assertEquals(1, ida.allocRange(1, 3));
        assertEquals(3, ida.allocRange(1, 3));
        assertEquals(-Errno.ENOSPC, ida.allocRange(1, 3));
        assertEquals(fx.violations, List.of());
        ida.free(9);
        assertTrue(fx.only("kernel-warn").message().startsWith("ida_free called for id=9"));
    }

    @Test
    void errnoNamesAndParses() {
        assertEquals("-ENOMEM", Errno.name(-12));
        assertEquals("EBUSY", Errno.name(16));
        assertEquals("0", Errno.name(0));
        assertEquals("-999", Errno.name(-999));
        assertEquals(-Errno.ENOSPC, Errno.parse("-ENOSPC"));
        assertEquals(Errno.EOPNOTSUPP, Errno.parse("EOPNOTSUPP"));
        assertEquals(-22, Errno.parse("-22"));
        assertThrows(IllegalArgumentException.class, () -> Errno.parse("EWHAT"));
    }
}
