package org.smmubench.hw.field;

import java.util.List;

/** Level-1 CD table descriptor: one dword (smmuv3-arch §3.2). */
public final class L1Cd {
    private L1Cd() {
    }

    public static final int DWORDS = 1;
    public static final int BYTES = 8;
    /** CDs per leaf for S1Fmt=64K_L2 (Linux CTXDESC_L2_ENTRIES) and the split it implies. */
    public static final int LEAF_ENTRIES_64K = 1024;
    public static final int SPLIT_64K = 10;
    /** CDs per leaf for S1Fmt=4K_L2. */
    public static final int LEAF_ENTRIES_4K = 64;
    public static final int SPLIT_4K = 6;

    public static final Field V = Field.bit("V", 0, 0);
    public static final Field L2PTR = Field.addr("L2PTR", 0, 51, 12);

    public static final List<Field> FIELDS = List.of(V, L2PTR);
}
