package org.smmubench.explore;

import java.util.List;

/**
 * The values the generator aims at: the places where this driver's bugs have lived. A CD leaf
 * of a two-level table holds 1024 CDs (CTXDESC_L2_ENTRIES), so PASIDs 0x3ff/0x400 and
 * 0x7ff/0x800 sit on either side of a leaf boundary; the RID domain's private ASIDs come from
 * the same small numbers a process's CPU ASID can have; a PMD covers 2 MiB, so a range at
 * 0x1ff000 of two pages crosses a last-level table.
 */
final class EdgeValues {
    private EdgeValues() {}

    /** PASIDs on both sides of the first CD-leaf boundaries, and the smallest ones. */
    static final List<Integer> PASIDS = List.of(1, 2, 0x3ff, 0x400, 0x401, 0x7ff, 0x800, 0xfffff);

    /** CPU ASIDs that collide with the private ASIDs the driver hands out from 1, and 8-bit limits. */
    static final List<Integer> ASIDS = List.of(1, 2, 3, 0xff, 0x100, 0xffff);

    /** SSID widths: the 1024-CD leaf (10), one past it (11), the widest (20) and small ones. */
    static final List<Integer> SSID_BITS_TWO_LEVEL = List.of(20, 20, 16, 11, 10);
    /** A linear CD table is 64 bytes per CD; beyond 11 bits it is a multi-megabyte allocation. */
    static final List<Integer> SSID_BITS_LINEAR = List.of(0, 1, 5, 8, 10, 11);

    /** A device's own PASID width (null: the SMMU's; 0, a device with no PASIDs, is {@link Rates#NO_PASID_DEVICE}). */
    static final List<Integer> PASID_BITS = List.of(1, 5, 8, 10, 11, 16, 20);

    /** Stream IDs: the first, the RID-like 0x100 pair, and the top of a small SID space. */
    static final List<Integer> SIDS = List.of(0x0, 0x1, 0x8, 0xff, 0x100, 0x101, 0x1000);

    /** Mapping and map sizes: one page, two, 64 KiB, a whole PMD. */
    static final List<Long> SIZES = List.of(0x1000L, 0x2000L, 0x10000L, 0x200000L);

    /** The user address of mapping slot i (slots are 16 MiB apart, so mappings never overlap). */
    static long slot(int i) { return 0x400000L + i * 0x1000000L; }

    /** Offsets inside a slot: its start, and the page before a 2 MiB boundary. */
    static final List<Long> OFFSETS = List.of(0L, 0L, 0x1ff000L);

    /**
     * A huge unmap: 256 MiB from a slot. Wide enough that the SVA notifier gives up on range
     * TLBIs and invalidates the whole ASID (CMDQ_MAX_TLBI_OPS), small enough that the modelled
     * munmap, which visits every page, stays fast. A truly address-space-sized range is out of
     * reach for that reason.
     */
    static final long HUGE = 0x10000000L;

    static final int MAX_SLOTS = 4;
}
