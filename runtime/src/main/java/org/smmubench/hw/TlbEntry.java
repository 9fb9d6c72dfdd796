package org.smmubench.hw;

/**
 * A snapshot of one TLB entry (a complete stage-1 translation for a page or block).
 *
 * @param world    StreamWorld the entry belongs to (STE.STRW: 0 NS-EL1, 2 EL2)
 * @param vmid     VMID (NS-EL1 world; STE.S2VMID, 0 for Linux S1-only STEs)
 * @param asid     ASID from the CD; ignored for matching when {@code global}
 * @param global   descriptor nG=0: matches every ASID
 * @param va       first input address covered (aligned to {@code size})
 * @param size     bytes covered (4 KiB page, 2 MiB or 1 GiB block)
 * @param pa       output address of {@code va}
 * @param level    lookup level of the leaf descriptor (1, 2 or 3)
 */
public record TlbEntry(int world, int vmid, int asid, boolean global, long va, long size, long pa,
                       int level, boolean readOnly, boolean el0, boolean uxn, boolean pxn,
                       boolean pendingInvalidation, long filledAt) {

    public boolean covers(long addr) {
        return Long.compareUnsigned(addr, va) >= 0 && Long.compareUnsigned(addr - va, size) < 0;
    }

    public boolean overlaps(long start, long bytes) {
        return Long.compareUnsigned(start, va + size - 1) <= 0 && Long.compareUnsigned(va, start + bytes - 1) <= 0;
    }

    public long translate(long addr) {
        return pa + (addr - va);
    }

    @Override
    public String toString() {
        return String.format("%s vmid=%d asid=%s va=0x%x size=0x%x pa=0x%x L%d %s%s%s%s%s",
                world == 2 ? "EL2" : "NS-EL1", vmid, global ? "global" : "0x" + Integer.toHexString(asid),
                va, size, pa, level, readOnly ? "ro" : "rw", el0 ? " el0" : "", uxn ? " uxn" : "",
                pxn ? " pxn" : "", pendingInvalidation ? " (invalidation pending)" : "");
    }
}
