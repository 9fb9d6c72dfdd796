package org.smmubench.hw.field;

import java.util.List;

/**
 * Command queue entry: 16 bytes, 2 dwords (smmuv3-arch §4.1; Linux CMDQ_*). Commands reuse
 * dword bits differently, so several fields overlap; {@link #fieldsFor} picks the ones that
 * mean something for a given opcode.
 */
public final class Cmd {
    private Cmd() {
    }

    public static final int DWORDS = 2;
    public static final int BYTES = 16;

    public static final int SYNC_CS_NONE = 0;
    public static final int SYNC_CS_IRQ = 1;
    public static final int SYNC_CS_SEV = 2;

    /** ATC_INV Size value Linux uses for "the whole address space". */
    public static final int ATC_INV_SIZE_ALL = 52;

    // dword 0, common / SID-addressed commands
    public static final Field OPCODE = Field.bits("OPCODE", 0, 7, 0);
    public static final Field GLOBAL = Field.bit("GLOBAL", 0, 9);     // ATC_INV
    public static final Field SSEC = Field.bit("SSEC", 0, 10);
    public static final Field SSV = Field.bit("SSV", 0, 11);
    public static final Field SSID = Field.bits("SSID", 0, 31, 12);
    public static final Field SID = Field.bits("SID", 0, 63, 32);
    // dword 0, TLBI commands
    public static final Field NUM = Field.bits("NUM", 0, 16, 12);
    public static final Field SCALE = Field.bits("SCALE", 0, 24, 20);
    public static final Field VMID = Field.bits("VMID", 0, 47, 32);
    public static final Field ASID = Field.bits("ASID", 0, 63, 48);
    // dword 0, CMD_SYNC
    public static final Field CS = Field.bits("CS", 0, 13, 12);
    public static final Field MSH = Field.bits("MSH", 0, 23, 22);
    public static final Field MSIATTR = Field.bits("MSIATTR", 0, 27, 24);
    public static final Field MSIDATA = Field.bits("MSIDATA", 0, 63, 32);
    // dword 0, RESUME
    public static final Field RESUME_RESP = Field.bits("RESUME_RESP", 0, 13, 12);
    // dword 1
    public static final Field LEAF = Field.bit("LEAF", 1, 0);           // CFGI_STE, CFGI_CD, TLBI *_VA
    public static final Field RANGE = Field.bits("RANGE", 1, 4, 0);     // CFGI_STE_RANGE
    public static final Field SIZE = Field.bits("SIZE", 1, 5, 0);       // ATC_INV, PREFETCH_ADDR
    public static final Field TTL = Field.bits("TTL", 1, 9, 8);
    public static final Field TG = Field.bits("TG", 1, 11, 10);
    public static final Field ADDR = Field.addr("ADDR", 1, 63, 12);     // TLBI VA, ATC_INV, PREFETCH_ADDR
    public static final Field IPA = Field.addr("IPA", 1, 51, 12);       // TLBI_S2_IPA
    public static final Field MSIADDR = Field.addr("MSIADDR", 1, 51, 2);
    public static final Field PRI_GRPID = Field.bits("PRI_GRPID", 1, 8, 0);
    public static final Field PRI_RESP = Field.bits("PRI_RESP", 1, 13, 12);
    public static final Field STAG = Field.bits("STAG", 1, 15, 0);

    public static final List<Field> FIELDS = List.of(OPCODE, GLOBAL, SSEC, SSV, SSID, SID, NUM,
            SCALE, VMID, ASID, CS, MSH, MSIATTR, MSIDATA, RESUME_RESP, LEAF, RANGE, SIZE, TTL, TG,
            ADDR, IPA, MSIADDR, PRI_GRPID, PRI_RESP, STAG);

    /** The fields that carry meaning for this opcode, for decoding and dumps. */
    public static List<Field> fieldsFor(Opcode op) {
        return switch (op) {
            case PREFETCH_CONFIG -> List.of(OPCODE, SSEC, SSV, SSID, SID);
            case PREFETCH_ADDR -> List.of(OPCODE, SSEC, SSV, SSID, SID, SIZE, ADDR);
            case CFGI_STE -> List.of(OPCODE, SSEC, SID, LEAF);
            case CFGI_STE_RANGE, CFGI_ALL -> List.of(OPCODE, SSEC, SID, RANGE);
            case CFGI_CD -> List.of(OPCODE, SSEC, SSID, SID, LEAF);
            case CFGI_CD_ALL -> List.of(OPCODE, SSEC, SID);
            case TLBI_NH_ALL, TLBI_S12_VMALL -> List.of(OPCODE, VMID);
            case TLBI_NH_ASID -> List.of(OPCODE, VMID, ASID);
            case TLBI_NH_VA -> List.of(OPCODE, NUM, SCALE, VMID, ASID, LEAF, TTL, TG, ADDR);
            case TLBI_NH_VAA -> List.of(OPCODE, NUM, SCALE, VMID, LEAF, TTL, TG, ADDR);
            case TLBI_EL2_ALL, TLBI_EL3_ALL, TLBI_NSNH_ALL -> List.of(OPCODE);
            case TLBI_EL2_ASID -> List.of(OPCODE, ASID);
            case TLBI_EL2_VA -> List.of(OPCODE, NUM, SCALE, ASID, LEAF, TTL, TG, ADDR);
            case TLBI_EL2_VAA, TLBI_EL3_VA -> List.of(OPCODE, NUM, SCALE, LEAF, TTL, TG, ADDR);
            case TLBI_S2_IPA -> List.of(OPCODE, NUM, SCALE, VMID, LEAF, TTL, TG, IPA);
            case ATC_INV -> List.of(OPCODE, GLOBAL, SSV, SSID, SID, SIZE, ADDR);
            case PRI_RESP -> List.of(OPCODE, SSV, SSID, SID, PRI_GRPID, PRI_RESP);
            case RESUME -> List.of(OPCODE, RESUME_RESP, SID, STAG);
            case STALL_TERM -> List.of(OPCODE, SID);
            case CMD_SYNC -> List.of(OPCODE, CS, MSH, MSIATTR, MSIDATA, MSIADDR);
        };
    }

    /** A fresh two-dword command with its opcode set. */
    public static long[] of(Opcode op) {
        long[] c = new long[DWORDS];
        OPCODE.set(c, op.code());
        if (op == Opcode.CFGI_ALL) {
            RANGE.set(c, Opcode.CFGI_ALL_RANGE);
        }
        return c;
    }
}
