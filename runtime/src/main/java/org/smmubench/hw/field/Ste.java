package org.smmubench.hw.field;

import java.util.List;

/** Stream table entry: 64 bytes, 8 dwords (smmuv3-arch §2.2). */
public final class Ste {
    private Ste() {
    }

    public static final int DWORDS = 8;
    public static final int BYTES = 64;

    // Config values (bits 3:1): 0b0xx abort, 0b100 bypass, 0b101 S1, 0b110 S2, 0b111 nested.
    public static final int CONFIG_ABORT = 0b000;
    public static final int CONFIG_BYPASS = 0b100;
    public static final int CONFIG_S1_TRANS = 0b101;
    public static final int CONFIG_S2_TRANS = 0b110;
    public static final int CONFIG_NESTED = 0b111;

    public static final int S1FMT_LINEAR = 0;
    public static final int S1FMT_4K_L2 = 1;
    public static final int S1FMT_64K_L2 = 2;

    public static final int S1DSS_TERMINATE = 0;
    public static final int S1DSS_BYPASS = 1;
    public static final int S1DSS_SSID0 = 2;

    public static final int EATS_ABT = 0;
    public static final int EATS_TRANS = 1;
    public static final int EATS_S1CHK = 2;

    public static final int STRW_NSEL1 = 0;
    public static final int STRW_EL2 = 2;

    public static final int SHCFG_INCOMING = 1;

    /** STRTAB_STE_1_S1C_CACHE_WBRA: write-back read-allocate CD and L1CD fetches (S1CIR/S1COR). */
    public static final int S1C_CACHE_WBRA = 1;
    /** ARM_SMMU_SH_ISH: inner shareable (S1CSH). */
    public static final int SH_ISH = 3;

    // dword 0
    public static final Field V = Field.bit("V", 0, 0);
    public static final Field CONFIG = Field.bits("CONFIG", 0, 3, 1);
    public static final Field S1FMT = Field.bits("S1FMT", 0, 5, 4);
    public static final Field S1_CONTEXT_PTR = Field.addr("S1_CONTEXT_PTR", 0, 51, 6);
    public static final Field S1CDMAX = Field.bits("S1CDMAX", 0, 63, 59);
    // dword 1
    public static final Field S1DSS = Field.bits("S1DSS", 1, 1, 0);
    public static final Field S1CIR = Field.bits("S1CIR", 1, 3, 2);
    public static final Field S1COR = Field.bits("S1COR", 1, 5, 4);
    public static final Field S1CSH = Field.bits("S1CSH", 1, 7, 6);
    public static final Field S2HWU = Field.bits("S2HWU", 1, 11, 8);
    public static final Field DRE = Field.bit("DRE", 1, 12);
    public static final Field CONT = Field.bits("CONT", 1, 16, 13);
    public static final Field DCP = Field.bit("DCP", 1, 17);
    public static final Field PPAR = Field.bit("PPAR", 1, 18);
    public static final Field MEV = Field.bit("MEV", 1, 19);
    public static final Field S2FWB = Field.bit("S2FWB", 1, 25);
    public static final Field S1STALLD = Field.bit("S1STALLD", 1, 27);
    public static final Field EATS = Field.bits("EATS", 1, 29, 28);
    public static final Field STRW = Field.bits("STRW", 1, 31, 30);
    public static final Field MEMATTR = Field.bits("MEMATTR", 1, 35, 32);
    public static final Field MTCFG = Field.bit("MTCFG", 1, 36);
    public static final Field ALLOCCFG = Field.bits("ALLOCCFG", 1, 40, 37);
    public static final Field SHCFG = Field.bits("SHCFG", 1, 45, 44);
    public static final Field NSCFG = Field.bits("NSCFG", 1, 47, 46);
    public static final Field PRIVCFG = Field.bits("PRIVCFG", 1, 49, 48);
    public static final Field INSTCFG = Field.bits("INSTCFG", 1, 51, 50);
    // dword 2 (stage 2: decoded only to be reported as unsupported)
    public static final Field S2VMID = Field.bits("S2VMID", 2, 15, 0);
    public static final Field S2T0SZ = Field.bits("S2T0SZ", 2, 37, 32);
    public static final Field S2SL0 = Field.bits("S2SL0", 2, 39, 38);
    public static final Field S2IR0 = Field.bits("S2IR0", 2, 41, 40);
    public static final Field S2OR0 = Field.bits("S2OR0", 2, 43, 42);
    public static final Field S2SH0 = Field.bits("S2SH0", 2, 45, 44);
    public static final Field S2TG = Field.bits("S2TG", 2, 47, 46);
    public static final Field S2PS = Field.bits("S2PS", 2, 50, 48);
    public static final Field S2AA64 = Field.bit("S2AA64", 2, 51);
    public static final Field S2ENDI = Field.bit("S2ENDI", 2, 52);
    public static final Field S2AFFD = Field.bit("S2AFFD", 2, 53);
    public static final Field S2PTW = Field.bit("S2PTW", 2, 54);
    public static final Field S2HD = Field.bit("S2HD", 2, 55);
    public static final Field S2HA = Field.bit("S2HA", 2, 56);
    public static final Field S2S = Field.bit("S2S", 2, 57);
    public static final Field S2R = Field.bit("S2R", 2, 58);
    // dword 3
    public static final Field S2TTB = Field.addr("S2TTB", 3, 51, 4);

    public static final List<Field> FIELDS = List.of(V, CONFIG, S1FMT, S1_CONTEXT_PTR, S1CDMAX,
            S1DSS, S1CIR, S1COR, S1CSH, S2HWU, DRE, CONT, DCP, PPAR, MEV, S2FWB, S1STALLD, EATS, STRW,
            MEMATTR, MTCFG, ALLOCCFG, SHCFG, NSCFG, PRIVCFG, INSTCFG,
            S2VMID, S2T0SZ, S2SL0, S2IR0, S2OR0, S2SH0, S2TG, S2PS, S2AA64, S2ENDI, S2AFFD, S2PTW,
            S2HD, S2HA, S2S, S2R, S2TTB);
}
