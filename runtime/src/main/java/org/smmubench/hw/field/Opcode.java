package org.smmubench.hw.field;

import java.util.Optional;

/** Architected command opcodes (smmuv3-arch §4.2). */
public enum Opcode {
    PREFETCH_CONFIG(0x01),
    PREFETCH_ADDR(0x02),
    CFGI_STE(0x03),
    /** CFGI_STE_RANGE; with Range=31 it is CFGI_ALL (same opcode, see {@link #CFGI_ALL}). */
    CFGI_STE_RANGE(0x04),
    /** Not a separate opcode: CFGI_STE_RANGE with Range=31. Decoding 0x04 gives CFGI_STE_RANGE. */
    CFGI_ALL(0x04),
    CFGI_CD(0x05),
    CFGI_CD_ALL(0x06),
    TLBI_NH_ALL(0x10),
    TLBI_NH_ASID(0x11),
    TLBI_NH_VA(0x12),
    TLBI_NH_VAA(0x13),
    TLBI_EL3_ALL(0x18),
    TLBI_EL3_VA(0x1A),
    TLBI_EL2_ALL(0x20),
    TLBI_EL2_ASID(0x21),
    TLBI_EL2_VA(0x22),
    TLBI_EL2_VAA(0x23),
    TLBI_S12_VMALL(0x28),
    TLBI_S2_IPA(0x2A),
    TLBI_NSNH_ALL(0x30),
    ATC_INV(0x40),
    PRI_RESP(0x41),
    RESUME(0x44),
    STALL_TERM(0x45),
    CMD_SYNC(0x46);

    /** CFGI_STE_RANGE's Range value that means "everything" (Linux CMDQ_CFGI_1_RANGE for CFGI_ALL). */
    public static final int CFGI_ALL_RANGE = 31;

    private final int code;

    Opcode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The opcode with this architected value; 0x04 decodes to CFGI_STE_RANGE. */
    public static Optional<Opcode> fromCode(int code) {
        for (Opcode o : values()) {
            if (o.code == code && o != CFGI_ALL) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
