package org.smmubench.mm;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.smmubench.hw.PhysMemory;
import org.smmubench.hw.field.Pte;

/**
 * A process's AArch64 stage-1 page tables (4 KiB granule, 48-bit VA, four levels) living in
 * simulated physical memory, where the SMMU walks them directly for SVA. Only the CPU side
 * writes here; the SMMU reads.
 */
public final class PageTable {
    /** The MAIR index Linux uses for normal memory (MT_NORMAL). */
    static final int MT_NORMAL = 0;
    /** Inner shareable. */
    static final int SH_INNER = 3;

    private final PhysMemory mem;
    private final long pgd;
    /** Lower-level table pages, so teardown can free them (free_pgtables). */
    private final List<Long> tables = new ArrayList<>();

    public PageTable(PhysMemory mem) {
        this.mem = mem;
        this.pgd = mem.alloc(Pte.PAGE_SIZE, Pte.PAGE_SIZE);
    }

    /** Physical address of the level-0 table: what TTBR0 (and CD.TTB0) holds. */
    public long pgd() { return pgd; }

    /** Installs a user page at {@code va} backed by {@code pa}; returns the previous descriptor (0 if none). */
    public long setPage(long va, long pa, Prot prot) {
        long slot = leafSlot(va, true);
        long old = mem.read64(slot);
        mem.write64(slot, userPage(pa, prot));
        return old;
    }

    /** Clears the page descriptor at {@code va}; returns the old descriptor (0 if none). */
    public long clearPage(long va) {
        long slot = leafSlot(va, false);
        if (slot == 0) return 0;
        long old = mem.read64(slot);
        mem.write64(slot, 0);
        return old;
    }

    /** What the CPU would translate {@code va} to now, or empty when unmapped. */
    public OptionalLong lookup(long va) {
        long slot = leafSlot(va, false);
        if (slot == 0) return OptionalLong.empty();
        long d = mem.read64(slot);
        if (!Pte.VALID.isSet(d)) return OptionalLong.empty();
        return OptionalLong.of(Pte.OA.extractAddress(d) | (va & (Pte.PAGE_SIZE - 1)));
    }

    /** The level-3 descriptor for {@code va}, or 0 when none. */
    public long descriptor(long va) {
        long slot = leafSlot(va, false);
        return slot == 0 ? 0 : mem.read64(slot);
    }

    /** free_pgtables at exit: every level-1..3 table goes; the pgd stays until the mm is freed. */
    public void freeLowerTables() {
        for (long t : tables) mem.free(t);
        tables.clear();
        for (int i = 0; i < Pte.ENTRIES; i++) mem.write64(pgd + (long) i * Pte.BYTES, 0);
    }

    /** mm_free_pgd, from __mmdrop. */
    public void freePgd() { mem.free(pgd); }

    private long leafSlot(long va, boolean create) {
        long table = pgd;
        for (int level = 0; level < 3; level++) {
            long slot = table + (long) Pte.index(va, level) * Pte.BYTES;
            long d = mem.read64(slot);
            if (!Pte.VALID.isSet(d)) {
                if (!create) return 0;
                long next = mem.alloc(Pte.PAGE_SIZE, Pte.PAGE_SIZE);
                tables.add(next);
                d = tableDescriptor(next);
                mem.write64(slot, d);
            }
            table = Pte.OA.extractAddress(d);
        }
        return table + (long) Pte.index(va, 3) * Pte.BYTES;
    }

    private static long tableDescriptor(long next) {
        long d = Pte.VALID.maskedValue(1) | Pte.TABLE.maskedValue(1);
        return Pte.OA.insertAddress(d, next);
    }

    /** A user page as arm64 Linux maps it: EL0-accessible, never privileged-executable, non-global. */
    static long userPage(long pa, Prot prot) {
        long d = Pte.VALID.maskedValue(1) | Pte.TABLE.maskedValue(1)
                | Pte.ATTR_INDX.maskedValue(MT_NORMAL)
                | Pte.AP_EL0.maskedValue(1)
                | Pte.AP_RDONLY.maskedValue(prot.write ? 0 : 1)
                | Pte.SH.maskedValue(SH_INNER)
                | Pte.AF.maskedValue(1)
                | Pte.NG.maskedValue(1)
                | Pte.PXN.maskedValue(1)
                | Pte.UXN.maskedValue(prot.exec ? 0 : 1);
        return Pte.OA.insertAddress(d, pa);
    }
}
