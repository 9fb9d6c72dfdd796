package org.smmubench.hw.field;

import java.util.List;

/** Level-1 stream table descriptor: one dword (smmuv3-arch §2.1). */
public final class L1Std {
    private L1Std() {
    }

    public static final int DWORDS = 1;
    public static final int BYTES = 8;

    /** Span=0: no L2 table; Span=n: the L2 table holds 2^(n-1) STEs. */
    public static final Field SPAN = Field.bits("SPAN", 0, 4, 0);
    public static final Field L2PTR = Field.addr("L2PTR", 0, 51, 6);

    public static final List<Field> FIELDS = List.of(SPAN, L2PTR);

    /** Number of STEs an L2 table with this span holds (0 for an invalid descriptor). */
    public static long steCount(long span) {
        return span == 0 ? 0 : 1L << (span - 1);
    }
}
