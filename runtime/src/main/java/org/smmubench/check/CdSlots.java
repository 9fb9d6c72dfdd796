package org.smmubench.check;

import java.util.SortedMap;
import java.util.TreeMap;

import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.CdCode;
import org.smmubench.driver.CdTableCfg;
import org.smmubench.driver.L1CtxDesc;
import org.smmubench.hw.PhysMemory;
import org.smmubench.hw.field.Cd;
import org.smmubench.hw.field.Ste;

/**
 * A master's CD table as the driver laid it out (its own cd_table pointers) and as memory
 * holds it now. Reads never allocate and never touch the SMMU's caches.
 */
final class CdSlots {
    private CdSlots() {}

    /** Where a CD store landed: which master's table, which SSID. */
    record Slot(ArmSmmuMaster master, int ssid) {}

    /** The full walks' reads of one step, shared while the machine is frozen. */
    private static final class StepReads {
        long serial = -1;
        final java.util.Map<ArmSmmuMaster, SortedMap<Integer, Long>> dword0 = new java.util.IdentityHashMap<>();
    }

    /**
     * As {@link #validDword0(ArmSmmuMaster)}, read from memory once per step for all the full
     * walks that ask (the machine is frozen while they run, so every read would give the same
     * answer). Not CdContents: that cache lives across steps and is what cross-check mode
     * checks these reads against.
     */
    static SortedMap<Integer, Long> validDword0(World w, ArmSmmuMaster m) {
        if (!w.frozen()) return validDword0(m);
        StepReads r = w.shared(StepReads.class, StepReads::new);
        if (r.serial != w.stepSerial()) {
            r.serial = w.stepSerial();
            r.dword0.clear();
        }
        SortedMap<Integer, Long> got = r.dword0.get(m);
        if (got == null) r.dword0.put(m, got = java.util.Collections.unmodifiableSortedMap(validDword0(m)));
        return got;
    }

    /** Dword 0 of every valid CD (V = 1), by SSID, in SSID order. Empty without a table. */
    static SortedMap<Integer, Long> validDword0(ArmSmmuMaster m) {
        SortedMap<Integer, Long> out = new TreeMap<>();
        validCds(m).forEach((ssid, pa) -> out.put(ssid, m.smmu.mem.read64(pa)));
        return out;
    }

    /** The address of every valid CD (V = 1), by SSID, in SSID order. Empty without a table. */
    static SortedMap<Integer, Long> validCds(ArmSmmuMaster m) {
        SortedMap<Integer, Long> out = new TreeMap<>();
        CdTableCfg t = m.cdTable;
        if (t.cdtab == null) return out;
        PhysMemory mem = m.smmu.mem;
        if (t.s1fmt == Ste.S1FMT_LINEAR) {
            scan(out, mem, t.cdtab.dma(), 0, t.numL1Ents);
            return out;
        }
        for (int i = 0; i < t.l1Desc.length; i++) {
            L1CtxDesc l1 = t.l1Desc[i];
            if (l1.l2ptr == null) continue;
            scan(out, mem, l1.l2ptr.dma(), i * CdCode.CTXDESC_L2_ENTRIES, CdCode.CTXDESC_L2_ENTRIES);
        }
        return out;
    }

    /**
     * The valid CDs among {@code count} consecutive ones from {@code base}. Pages never written
     * read as zero, so a whole page of 64 invalid CDs is skipped at once: a 64 KiB leaf with
     * one live CD costs one page, not 1024 reads.
     */
    private static void scan(SortedMap<Integer, Long> out, PhysMemory mem, long base, int firstSsid, int count) {
        int perPage = PhysMemory.PAGE_SIZE / Cd.BYTES;
        // A table inside one live allocation is read without an allocation lookup per CD (the
        // full walks read every master's table after every step); otherwise read64 checks each.
        long[] alloc = mem.allocationContaining(base);
        boolean inOne = alloc != null && base + (long) count * Cd.BYTES <= alloc[0] + alloc[1];
        for (int n = 0; n < count; n++) {
            long pa = base + (long) n * Cd.BYTES;
            if ((n == 0 || pa % PhysMemory.PAGE_SIZE == 0) && !mem.isResident(pa)) {
                n += perPage - 1 - (int) ((pa % PhysMemory.PAGE_SIZE) / Cd.BYTES);
                continue;
            }
            if (Cd.V.isSet(inOne ? mem.read64Allocated(pa) : mem.read64(pa))) out.put(firstSsid + n, pa);
        }
    }

    /** The CD slot containing {@code pa} in some live master's table, or null. */
    static Slot locate(World w, long pa) {
        return HwMasters.locate(w, pa).filter(word -> !word.l1() && word.master().live)
                .map(word -> new Slot(word.master(), word.index())).orElse(null);
    }

    /** A valid CD that mm_release quiesced: still V = 1 so in-flight DMA faults cleanly, but EPD0 = 1. */
    static boolean quiesced(long dword0) { return Cd.V.isSet(dword0) && Cd.EPD0.isSet(dword0); }

    static int asid(long dword0) { return (int) Cd.ASID.extract(dword0); }
}
