package org.smmubench.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhysMemoryTest {

    @Test
    void allocationsAreAlignedZeroedDisjointAndNeverZero() {
        PhysMemory m = new PhysMemory();
        long a = m.alloc(24, 8);
        long b = m.alloc(64 * 1024, 64 * 1024);
        assertNotEquals(0, a);
        assertEquals(0, b % (64 * 1024));
        assertTrue(b >= a + 24);
        assertEquals(0, m.read64(a + 16));
        assertEquals(0, m.read64(b + 64 * 1024 - 8));
        assertEquals(24 + 64 * 1024, m.allocatedBytes());
    }

    @Test
    void accessOutsideAnAllocationFaults() {
        PhysMemory m = new PhysMemory();
        long a = m.alloc(16, 16);
        MemoryFault f = assertThrows(MemoryFault.class, () -> m.read64(a + 16));
        assertEquals(a + 16, f.pa());
        assertThrows(MemoryFault.class, () -> m.write64(0, 1));
        assertThrows(MemoryFault.class, () -> m.read64(a + 4));
    }

    @Test
    void freedMemoryFaultsAndIsNeverHandedOutAgain() {
        PhysMemory m = new PhysMemory();
        long a = m.alloc(4096, 4096);
        m.write64(a, 42);
        m.free(a);
        assertFalse(m.isAllocated(a));
        assertThrows(MemoryFault.class, () -> m.read64(a));
        long b = m.alloc(4096, 4096);
        assertNotEquals(a, b);
        assertEquals(0, m.allocatedBytes() - 4096);
        assertThrows(MemoryFault.class, () -> m.free(a));
    }

    @Test
    void wordsAreLittleEndianFor32BitAccess() {
        PhysMemory m = new PhysMemory();
        long a = m.alloc(8, 8);
        m.write64(a, 0x1122_3344_5566_7788L);
        assertEquals(0x5566_7788, m.read32(a));
        assertEquals(0x1122_3344, m.read32(a + 4));
        m.write32(a + 4, 0xAABB_CCDD);
        assertEquals(0xAABB_CCDD_5566_7788L, m.read64(a));
    }

    @Test
    void writeListenersSeeOldAndNewWord() {
        PhysMemory m = new PhysMemory();
        long a = m.alloc(8, 8);
        List<long[]> seen = new ArrayList<>();
        m.addWriteListener((pa, o, n) -> seen.add(new long[] {pa, o, n}));
        m.write64(a, 5);
        m.write32(a + 4, 1);
        assertEquals(2, seen.size());
        assertEquals(a, seen.get(0)[0]);
        assertEquals(0, seen.get(0)[1]);
        assertEquals(5, seen.get(0)[2]);
        assertEquals(5, seen.get(1)[1]);
        assertEquals((1L << 32) | 5, seen.get(1)[2]);
    }

    @Test
    void untouchedPagesCostNothing() {
        PhysMemory m = new PhysMemory();
        long big = m.alloc(1L << 30, 4096);
        assertEquals(0, m.read64(big + (1L << 29)));
        assertEquals(0, m.residentPages());
        m.write64(big + 8, 1);
        assertEquals(1, m.residentPages());
    }
}
