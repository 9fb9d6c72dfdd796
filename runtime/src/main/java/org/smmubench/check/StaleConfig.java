package org.smmubench.check;

import org.smmubench.kernel.Violation;

import java.util.List;
import java.util.function.Consumer;

import org.smmubench.hw.ConfigEntry;
import org.smmubench.hw.DmaResult;
import org.smmubench.hw.Provenance;

/**
 * stale-config. When a step ends every cached STE, L1STD, CD and
 * L1CD equals what memory holds at the address it was fetched from: whatever the driver
 * changed, it invalidated and synced. A transaction decided by a cached STE or CD that
 * differs from memory is reported at once.
 */
public final class StaleConfig implements Invariant {
    public static final String ID = "stale-config";

    @Override
    public String id() { return ID; }

    @Override
    public void afterStep(World w, Consumer<Violation> sink) {
        for (ConfigEntry e : w.hw.configCache().entries()) {
            String diff = diff(w, e);
            if (diff != null) {
                sink.accept(Violation.ofState(ID, describe(w, e) + " is stale when the step ends: " + diff
                        + (e.pendingInvalidation() ? " (an invalidation is pending: no CMD_SYNC completed after it)" : " (never invalidated)")));
            }
        }
    }

    @Override
    public void onDma(World w, DmaObservation dma, Consumer<Violation> sink) {
        Provenance from = dma.result().from();
        String head = dma.device().name() + " " + HwText.pasid(dma.pasid()) + ": DMA " + HwText.access(dma.write()) + " at "
                + HwText.hex(dma.va()) + (dma.result() instanceof DmaResult.Ok ok ? " (pa " + HwText.hex(ok.pa()) + ")" : " (aborted)")
                + " was decided by ";
        if (from.steFromCache() && from.ste() != null) check(w, head, from.ste(), sink);
        if (from.cdFromCache() && from.cd() != null) check(w, head, from.cd(), sink);
    }

    private static void check(World w, String head, ConfigEntry e, Consumer<Violation> sink) {
        String diff = diff(w, e);
        if (diff != null) sink.accept(new Violation(ID, head + "a stale " + describe(w, e) + ": " + diff, List.of(), List.of(), ""));
    }

    /** Null when the entry equals memory, else the first differing dword (expected = memory). */
    private static String diff(World w, ConfigEntry e) {
        long[] cached = e.dwords();
        long[] alloc = w.mem.allocationContaining(e.address());
        if (alloc != null && e.address() + 8L * cached.length <= alloc[0] + alloc[1]) {
            // The whole entry lies in one live allocation: compare without a lookup per word.
            for (int i = 0; i < cached.length; i++) {
                long mem = w.mem.read64Allocated(e.address() + 8L * i);
                if (mem != cached[i]) {
                    return "dword " + i + " expected " + HwText.hex(mem) + " (memory), found " + HwText.hex(cached[i]) + " (cached)";
                }
            }
            return null;
        }
        for (int i = 0; i < cached.length; i++) {
            long addr = e.address() + 8L * i;
            if (!w.mem.isAllocated(addr)) return "its memory at " + HwText.hex(addr) + " was freed";
            long mem = w.mem.read64(addr);
            if (mem != cached[i]) {
                return "dword " + i + " expected " + HwText.hex(mem) + " (memory), found " + HwText.hex(cached[i]) + " (cached)";
            }
        }
        return null;
    }

    private static String describe(World w, ConfigEntry e) {
        return switch (e.kind()) {
            case STE -> "cached STE of " + HwText.stream(w, e.sid()) + " at " + HwText.hex(e.address());
            case L1STD -> "cached L1STD " + e.index() + " (SIDs " + HwText.hex(e.index() << org.smmubench.driver.StrtabCode.STRTAB_SPLIT) + "-) at " + HwText.hex(e.address());
            case CD -> "cached CD of " + HwText.stream(w, e.sid()) + " PASID " + HwText.hex(e.index()) + " at " + HwText.hex(e.address());
            case L1CD -> "cached L1CD " + e.index() + " of " + HwText.stream(w, e.sid()) + " at " + HwText.hex(e.address());
        };
    }
}
