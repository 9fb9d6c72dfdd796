package org.smmubench.hw.field;

import java.util.List;

/** Context descriptor: 64 bytes, 8 dwords (smmuv3-arch §3.1; Linux CTXDESC_CD_*). */
public final class Cd {
    private Cd() {
    }

    public static final int DWORDS = 8;
    public static final int BYTES = 64;

    public static final int TG0_4K = 0;
    public static final int TG0_64K = 1;
    public static final int TG0_16K = 2;

    // dword 0 (the TCR-like word plus V/ASID)
    public static final Field T0SZ = Field.bits("T0SZ", 0, 5, 0);
    public static final Field TG0 = Field.bits("TG0", 0, 7, 6);
    public static final Field IRGN0 = Field.bits("IRGN0", 0, 9, 8);
    public static final Field ORGN0 = Field.bits("ORGN0", 0, 11, 10);
    public static final Field SH0 = Field.bits("SH0", 0, 13, 12);
    public static final Field EPD0 = Field.bit("EPD0", 0, 14);
    public static final Field ENDI = Field.bit("ENDI", 0, 15);
    public static final Field T1SZ = Field.bits("T1SZ", 0, 21, 16);
    public static final Field TG1 = Field.bits("TG1", 0, 23, 22);
    public static final Field IRGN1 = Field.bits("IRGN1", 0, 25, 24);
    public static final Field ORGN1 = Field.bits("ORGN1", 0, 27, 26);
    public static final Field SH1 = Field.bits("SH1", 0, 29, 28);
    public static final Field EPD1 = Field.bit("EPD1", 0, 30);
    public static final Field V = Field.bit("V", 0, 31);
    public static final Field IPS = Field.bits("IPS", 0, 34, 32);
    public static final Field AFFD = Field.bit("AFFD", 0, 35);
    public static final Field WXN = Field.bit("WXN", 0, 36);
    public static final Field UWXN = Field.bit("UWXN", 0, 37);
    public static final Field TBI0 = Field.bit("TBI0", 0, 38);
    public static final Field TBI1 = Field.bit("TBI1", 0, 39);
    public static final Field PAN = Field.bit("PAN", 0, 40);
    public static final Field AA64 = Field.bit("AA64", 0, 41);
    public static final Field HD = Field.bit("HD", 0, 42);
    public static final Field HA = Field.bit("HA", 0, 43);
    public static final Field S = Field.bit("S", 0, 44);
    public static final Field R = Field.bit("R", 0, 45);
    public static final Field A = Field.bit("A", 0, 46);
    public static final Field ASET = Field.bit("ASET", 0, 47);
    public static final Field ASID = Field.bits("ASID", 0, 63, 48);
    // dword 1
    public static final Field NSCFG0 = Field.bit("NSCFG0", 1, 0);
    public static final Field HAD0 = Field.bit("HAD0", 1, 1);
    public static final Field TTB0 = Field.addr("TTB0", 1, 51, 4);
    public static final Field HWU0 = Field.bits("HWU0", 1, 63, 60);
    // dword 2
    public static final Field NSCFG1 = Field.bit("NSCFG1", 2, 0);
    public static final Field HAD1 = Field.bit("HAD1", 2, 1);
    public static final Field TTB1 = Field.addr("TTB1", 2, 51, 4);
    public static final Field HWU1 = Field.bits("HWU1", 2, 63, 60);
    // dwords 3, 4: carried, not interpreted
    public static final Field MAIR = Field.bits("MAIR", 3, 63, 0);
    public static final Field AMAIR = Field.bits("AMAIR", 4, 63, 0);

    public static final List<Field> FIELDS = List.of(T0SZ, TG0, IRGN0, ORGN0, SH0, EPD0, ENDI,
            T1SZ, TG1, IRGN1, ORGN1, SH1, EPD1, V, IPS, AFFD, WXN, UWXN, TBI0, TBI1, PAN, AA64, HD,
            HA, S, R, A, ASET, ASID, NSCFG0, HAD0, TTB0, HWU0, NSCFG1, HAD1, TTB1, HWU1, MAIR, AMAIR);
}
