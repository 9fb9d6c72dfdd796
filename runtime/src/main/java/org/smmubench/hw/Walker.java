package org.smmubench.hw;

import org.smmubench.hw.field.EventType;
import org.smmubench.hw.field.Pte;

/**
 * The AArch64 stage-1 walker, 4 KiB granule, TTB0 only: levels 0-3 from the start level
 * T0SZ implies, blocks at levels 1 and 2, hierarchical APTable/UXNTable/PXNTable.
 * It reports the leaf it found; permission and access-flag checks are the caller's
 * ({@link Permissions}), so a TLB hit is checked the same way as a fresh walk.
 */
final class Walker {
    private Walker() {
    }

    sealed interface Result permits Leaf, Fault {
    }

    /** A translation: {@code va}/{@code pa} are the aligned bases of a {@code size}-byte page or block. */
    record Leaf(long va, long pa, long size, int level, boolean readOnly, boolean el0, boolean uxn, boolean pxn,
                boolean global, boolean af) implements Result {
    }

    record Fault(EventType event, int level, long fetchAddress, String reason) implements Result {
    }

    static int startLevel(int t0sz) {
        int inputBits = 64 - t0sz;
        int levels = (inputBits - Pte.PAGE_SHIFT + 8) / 9; // ceil((bits-12)/9)
        return 4 - levels;
    }

    static Result walk(PhysMemory mem, long ttb0, int t0sz, int ipsBits, long va) {
        int level = startLevel(t0sz);
        long table = ttb0;
        // The first table may be smaller than a page (it covers only the bits T0SZ leaves);
        // align its base to its own size.
        int topBits = (64 - t0sz) - (Pte.PAGE_SHIFT + 9 * (3 - level));
        table &= ~((8L << topBits) - 1);
        boolean apRo = false;
        boolean apNoEl0 = false;
        boolean uxnT = false;
        boolean pxnT = false;
        while (true) {
            long idx = (va >>> (Pte.PAGE_SHIFT + 9 * (3 - level))) & (level == startLevel(t0sz) ? (1L << topBits) - 1 : Pte.ENTRIES - 1);
            long descAddr = table + idx * Pte.BYTES;
            long d;
            try {
                d = mem.read64(descAddr);
            } catch (MemoryFault f) {
                return new Fault(EventType.F_WALK_EABT, level, descAddr, "descriptor fetch: " + f.getMessage());
            }
            if (!Pte.VALID.isSet(d)) {
                return new Fault(EventType.F_TRANSLATION, level, descAddr, "invalid descriptor at level " + level);
            }
            boolean isTable = Pte.TABLE.isSet(d);
            long oa = Pte.OA.extractAddress(d);
            if (level < 3 && isTable) {
                if (oa >>> ipsBits != 0) {
                    return new Fault(EventType.F_ADDR_SIZE, level, descAddr, "table address beyond IPS");
                }
                long apt = Pte.AP_TABLE.extract(d);
                apNoEl0 |= (apt & 1) != 0;
                apRo |= (apt & 2) != 0;
                uxnT |= Pte.UXN_TABLE.isSet(d);
                pxnT |= Pte.PXN_TABLE.isSet(d);
                table = oa;
                level++;
                continue;
            }
            if (level == 3 && !isTable) {
                return new Fault(EventType.F_TRANSLATION, level, descAddr, "level-3 descriptor with bit 1 clear");
            }
            if (level == 0) {
                return new Fault(EventType.F_TRANSLATION, level, descAddr, "block descriptor at level 0");
            }
            long size = 1L << (Pte.PAGE_SHIFT + 9 * (3 - level));
            long pa = oa & ~(size - 1);
            if (pa >>> ipsBits != 0) {
                return new Fault(EventType.F_ADDR_SIZE, level, descAddr, "output address beyond IPS");
            }
            return new Leaf(va & ~(size - 1), pa, size, level,
                    apRo || Pte.AP_RDONLY.isSet(d), !apNoEl0 && Pte.AP_EL0.isSet(d),
                    uxnT || Pte.UXN.isSet(d), pxnT || Pte.PXN.isSet(d), !Pte.NG.isSet(d), Pte.AF.isSet(d));
        }
    }
}
