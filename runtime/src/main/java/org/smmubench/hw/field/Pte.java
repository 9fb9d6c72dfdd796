package org.smmubench.hw.field;

import java.util.List;

/**
 * AArch64 VMSAv8-64 translation table descriptor, 4 KiB granule (one dword). The CPU side
 * (mm) writes these and the SMMU's stage-1 walker reads the same words: SVA shares the
 * process page tables with the device (smmuv3-arch §6 step 6).
 */
public final class Pte {
    private Pte() {
    }

    public static final int BYTES = 8;
    /** Descriptors per 4 KiB table. */
    public static final int ENTRIES = 512;
    public static final int PAGE_SHIFT = 12;
    public static final long PAGE_SIZE = 1L << PAGE_SHIFT;

    public static final Field VALID = Field.bit("VALID", 0, 0);
    /** Levels 0-2: 1 = table, 0 = block. Level 3: must be 1 (page). */
    public static final Field TABLE = Field.bit("TABLE", 0, 1);
    public static final Field ATTR_INDX = Field.bits("ATTR_INDX", 0, 4, 2);
    /** AP[1]: accessible from EL0 (unprivileged). */
    public static final Field AP_EL0 = Field.bit("AP_EL0", 0, 6);
    /** AP[2]: read-only. */
    public static final Field AP_RDONLY = Field.bit("AP_RDONLY", 0, 7);
    public static final Field SH = Field.bits("SH", 0, 9, 8);
    public static final Field AF = Field.bit("AF", 0, 10);
    public static final Field NG = Field.bit("NG", 0, 11);
    /** Output address of a page/block, or the next-level table address. */
    public static final Field OA = Field.addr("OA", 0, 47, 12);
    public static final Field PXN = Field.bit("PXN", 0, 53);
    public static final Field UXN = Field.bit("UXN", 0, 54);
    /** Table descriptors: hierarchical restrictions on everything below. */
    public static final Field PXN_TABLE = Field.bit("PXN_TABLE", 0, 59);
    public static final Field UXN_TABLE = Field.bit("UXN_TABLE", 0, 60);
    public static final Field AP_TABLE = Field.bits("AP_TABLE", 0, 62, 61);

    public static final List<Field> FIELDS = List.of(VALID, TABLE, ATTR_INDX, AP_EL0, AP_RDONLY, SH, AF, NG,
            OA, PXN, UXN, PXN_TABLE, UXN_TABLE, AP_TABLE);

    /** Index of {@code va} in the table of {@code level} (0..3) for a 48-bit VA. */
    public static int index(long va, int level) {
        return (int) ((va >>> (PAGE_SHIFT + 9 * (3 - level))) & (ENTRIES - 1));
    }
}
