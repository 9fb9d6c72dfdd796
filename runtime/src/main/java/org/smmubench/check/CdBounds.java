package org.smmubench.check;

import org.smmubench.kernel.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuStream;
import org.smmubench.driver.CdCode;
import org.smmubench.hw.Command;
import org.smmubench.hw.CommandListener;
import org.smmubench.hw.field.Cd;
import org.smmubench.hw.field.Cmd;
import org.smmubench.hw.field.L1Cd;
import org.smmubench.hw.field.Opcode;
import org.smmubench.hw.field.Ste;
import org.smmubench.kernel.Hex;

/**
 * cd-bounds (I5): arm_smmu_write_ctx_desc refuses (-E2BIG, no state change) any SSID at or
 * beyond 1 << s1cdmax. The write is watched as the kernel would need to: every memory store
 * made inside arm_smmu_write_ctx_desc is remembered, and the CFGI_CD that the function issues
 * after storing names the master (by StreamID) and the SSID. A CFGI_CD for an out-of-range
 * SSID means a store went through; a store outside the CD slot (or L1 descriptor) of the SSID
 * being synced means the pointer arithmetic left the table, as it does past the end of a
 * linear table. Stores never followed by a CFGI_CD are checked against every table at the end
 * of the step.
 */
public final class CdBounds implements Invariant {
    private static final String WRITER = "arm_smmu_write_ctx_desc";
    private static final String L1_WRITER = "arm_smmu_write_cd_l1_desc";
    private final List<Long> stores = new ArrayList<>();

    @Override
    public String id() { return "cd-bounds"; }

    @Override
    public void attach(World w, Consumer<Violation> sink) {
        w.mem.addWriteListener((pa, oldValue, newValue) -> {
            // Only the CD writer's own stores (and the L1 descriptor it publishes), not the
            // command-queue entries its syncs write.
            List<String> bt = w.kernel.backtrace();
            if (!bt.isEmpty() && (bt.get(0).equals(WRITER) || bt.get(0).equals(L1_WRITER))) stores.add(pa);
        });
        w.hw.addCommandListener(new CommandListener() {
            @Override
            public void onCommand(Command c) {
                if (c.is(Opcode.CFGI_CD) && w.kernel.backtrace().contains(WRITER)) checkSync(w, c, sink);
            }
        });
    }

    private void checkSync(World w, Command c, Consumer<Violation> sink) {
        int sid = (int) c.get(Cmd.SID);
        int ssid = (int) c.get(Cmd.SSID);
        ArmSmmuStream stream = w.driver.smmu.streams.get(sid);
        if (stream == null) return;
        ArmSmmuMaster m = stream.master();
        String dev = m.dev.name();
        long limit = 1L << m.cdTable.s1cdmax;
        List<Long> mine = new ArrayList<>(stores);
        stores.clear();
        if (Integer.toUnsignedLong(ssid) >= limit) {
            sink.accept(new Violation(id(), dev + ": CD written at SSID " + Hex.of(ssid) + ", beyond the " + Hex.of(limit)
                    + " CDs of its table (1 << s1cdmax)" + landing(w, mine) + "; expected -E2BIG and no write",
                    w.kernel.backtrace(), w.kernel.heldLockNames(), ""));
            return;
        }
        long slot = CdCode.peekCdPtr(m, ssid);
        long l1 = m.cdTable.s1fmt == Ste.S1FMT_LINEAR || m.cdTable.cdtab == null ? -1
                : m.cdTable.cdtab.dma() + (long) (ssid >>> CdCode.CTXDESC_SPLIT) * L1Cd.BYTES;
        for (long pa : mine) {
            boolean inSlot = slot != 0 && pa >= slot && pa < slot + Cd.BYTES;
            if (inSlot || pa == l1) continue;
            sink.accept(new Violation(id(), dev + ": CD store for SSID " + Hex.of(ssid) + " landed at PA " + Hex.of(pa)
                    + "; expected it inside the CD slot at " + Hex.of(slot), w.kernel.backtrace(), w.kernel.heldLockNames(), ""));
        }
    }

    /** Where the stores went: what a reader of the report needs to see the corruption. */
    private static String landing(World w, List<Long> pas) {
        if (pas.isEmpty()) return "";
        CdSlots.Slot s = CdSlots.locate(w, pas.get(0));
        return s == null ? " (the store went to PA " + Hex.of(pas.get(0) & ~(Cd.BYTES - 1L)) + ", outside every CD table)"
                : " (the store hit " + s.master().dev.name() + "'s CD at SSID " + Hex.of(s.ssid()) + ")";
    }

    @Override
    public void afterStep(World w, Consumer<Violation> sink) {
        for (long pa : stores) {
            if (CdSlots.locate(w, pa) != null || isL1Descriptor(w, pa)) continue;
            ArmSmmuMaster near = nearestLinearTableBelow(w, pa);
            String where = near == null ? "outside every CD table"
                    : "SSID " + Hex.of((pa - near.cdTable.cdtab.dma()) / Cd.BYTES) + " past the base of " + near.dev.name()
                            + "'s linear CD table, which holds 1 << s1cdmax = " + Hex.of(1L << near.cdTable.s1cdmax) + " CDs";
            sink.accept(Violation.ofState(id(), (near == null ? "?" : near.dev.name()) + ": " + WRITER + " stored at PA "
                    + Hex.of(pa) + ", " + where + "; expected stores only inside the table"));
        }
        stores.clear();
    }

    private static boolean isL1Descriptor(World w, long pa) {
        for (ArmSmmuMaster m : SvaState.liveMasters(w)) {
            var t = m.cdTable;
            if (t.cdtab == null || t.s1fmt == Ste.S1FMT_LINEAR) continue;
            long off = pa - t.cdtab.dma();
            if (off >= 0 && off < (long) t.numL1Ents * L1Cd.BYTES) return true;
        }
        return false;
    }

    private static ArmSmmuMaster nearestLinearTableBelow(World w, long pa) {
        ArmSmmuMaster best = null;
        for (ArmSmmuMaster m : SvaState.liveMasters(w)) {
            var t = m.cdTable;
            if (t.cdtab == null || t.s1fmt != Ste.S1FMT_LINEAR || t.cdtab.dma() > pa) continue;
            if (best == null || t.cdtab.dma() > best.cdTable.cdtab.dma()) best = m;
        }
        return best;
    }
}
