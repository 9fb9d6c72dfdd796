package org.smmubench.hw.field;

import java.util.Arrays;

/**
 * arm_smmu_get_cd_used: which CD bits the Linux entry writer believes the SMMU reads. Only V
 * while V=0; everything while V=1, except that EPD0 makes the TTB0 walk controls (T0SZ, TG0,
 * IRGN0, ORGN0, SH0) and TTB0 itself ignored. The same text at be7c90de39fd (6.10/6.11 era)
 * and in the 6.18.y copy, so there is one shape.
 */
public final class CdUsed {
    private CdUsed() {
    }

    /** The bits EPD0 turns off. */
    public static final long TTB0_WALK_CONTROLS = Cd.T0SZ.mask() | Cd.TG0.mask() | Cd.IRGN0.mask()
            | Cd.ORGN0.mask() | Cd.SH0.mask();

    /** Fills {@code used} (length {@link Cd#DWORDS}). */
    public static void get(long[] ent, long[] used) {
        Arrays.fill(used, 0);
        used[0] = Cd.V.mask();
        if (!Cd.V.isSet(ent)) return;
        Arrays.fill(used, -1L);
        if (Cd.EPD0.isSet(ent)) {
            used[0] &= ~TTB0_WALK_CONTROLS;
            used[1] &= ~Cd.TTB0.mask();
        }
    }

    public static long[] of(long[] ent) {
        long[] used = new long[Cd.DWORDS];
        get(ent, used);
        return used;
    }
}
