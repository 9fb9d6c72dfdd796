package org.smmubench.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smmubench.hw.PhysMemory;
import org.smmubench.hw.field.Ste;
import org.smmubench.kernel.Kernel;
import org.smmubench.kernel.Violation;

/**
 * get_update_safe (2781f2a930ab, in the 6.18.y copy): EATS=TRANS may change in place, so a
 * change of the CD table pointer together with ATS going off is hitless there, while the 6.11
 * writer breaks the STE for it. The intermediate entry the SMMU can fetch has the new EATS with
 * the old table pointer: harmless only because the attach path has already disabled ATS in
 * the endpoint, which is the kernel's argument for the relaxation.
 */
class SteUpdateSafeTest {
    static final long OTHER_CDTAB = 0x4B4B4b4B40L;

    record Run(int syncs, boolean invalidSeen, List<long[]> atSyncs, long[] finalEntry, List<Violation> warnings) {}

    static Run write(EntryGeneration gen, long[] cur, long[] target) {
        Kernel k = new Kernel(new PhysMemory());
        List<Violation> warnings = new ArrayList<>();
        k.setViolationSink(warnings::add);
        long[] entry = cur.clone();
        List<long[]> atSyncs = new ArrayList<>();
        boolean[] invalid = {false};
        EntryWriter.Ops ops = new EntryWriter.Ops() {
            @Override public void getUsed(long[] e, long[] used) { gen.steUsed.get(e, used); }
            @Override public boolean hasUpdateSafe() { return gen.steUpdateSafe; }
            @Override public void getUpdateSafe(long[] c, long[] t, long[] safe) { org.smmubench.hw.field.SteUsed.updateSafe(c, t, safe); }
            @Override public void sync() {
                atSyncs.add(entry.clone());
                if (entry[0] == 0) invalid[0] = true;
            }
        };
        new EntryWriter(k, gen).writeEntry(ops, EntryWriter.Entry.of(entry), target);
        return new Run(atSyncs.size(), invalid[0], atSyncs, entry, warnings);
    }

    static long[] cdtable(EntryGeneration gen, long cdtab, boolean ats) {
        long[] ste = new long[Ste.DWORDS];
        SteMake.makeCdtableSte(gen, ste, ArmSmmuV3KunitHarness.master(ats ? ArmSmmuV3KunitHarness.TEST_ATS : 0, cdtab), ats,
                Ste.S1DSS_SSID0);
        return ste;
    }

    @Test
    void eats_and_the_cd_table_pointer_change_hitlessly_with_update_safe() {
        EntryGeneration gen = EntryGeneration.V6_18_Y;
        long[] from = cdtable(gen, ArmSmmuV3KunitHarness.FAKE_CDTAB_DMA_ADDR, true);
        long[] to = cdtable(gen, OTHER_CDTAB, false);
        Run r = write(gen, from, to);
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        assertEquals(2, r.syncs());
        assertTrue(!r.invalidSeen(), "no V=0");
        assertArrayEquals(to, r.finalEntry());
        long[] first = r.atSyncs().get(0);
        assertEquals(Ste.EATS_ABT, Ste.EATS.get(first), "EATS goes first, as an update-safe bit");
        assertEquals(ArmSmmuV3KunitHarness.FAKE_CDTAB_DMA_ADDR & Ste.S1_CONTEXT_PTR.mask(), Ste.S1_CONTEXT_PTR.getAddress(first),
                "while the STE still points at the old CD table");
    }

    @Test
    void the_same_change_breaks_the_ste_without_update_safe() {
        EntryGeneration gen = EntryGeneration.V6_11;
        Run r = write(gen, cdtable(gen, ArmSmmuV3KunitHarness.FAKE_CDTAB_DMA_ADDR, true), cdtable(gen, OTHER_CDTAB, false));
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        assertEquals(3, r.syncs());
        assertTrue(r.invalidSeen(), "V=0 first");
    }
}
