package org.smmubench.hw.field;

import java.util.List;

/** Event queue record: 32 bytes, 4 dwords (smmuv3-arch §5; Linux EVTQ_*). */
public final class Evt {
    private Evt() {
    }

    public static final int DWORDS = 4;
    public static final int BYTES = 32;

    public static final int CLASS_CD = 0;
    public static final int CLASS_TT = 1;
    public static final int CLASS_IN = 2;

    public static final Field EVENT_ID = Field.bits("EVENT_ID", 0, 7, 0);
    public static final Field SSV = Field.bit("SSV", 0, 11);
    public static final Field SSID = Field.bits("SSID", 0, 31, 12);
    public static final Field SID = Field.bits("SID", 0, 63, 32);
    public static final Field STAG = Field.bits("STAG", 1, 15, 0);
    public static final Field STALL = Field.bit("STALL", 1, 31);
    public static final Field PNU = Field.bit("PNU", 1, 33);
    public static final Field IND = Field.bit("IND", 1, 34);
    public static final Field RNW = Field.bit("RNW", 1, 35);
    public static final Field NSIPA = Field.bit("NSIPA", 1, 38);
    public static final Field S2 = Field.bit("S2", 1, 39);
    public static final Field CLASS = Field.bits("CLASS", 1, 41, 40);
    public static final Field TT_READ = Field.bit("TT_READ", 1, 44);
    public static final Field INPUT_ADDR = Field.bits("INPUT_ADDR", 2, 63, 0);
    /** Fault IPA for translation faults. */
    public static final Field IPA = Field.addr("IPA", 3, 51, 12);
    /** Fetch address for F_*_FETCH / F_WALK_EABT (overlaps IPA: different event types). */
    public static final Field FETCH_ADDR = Field.addr("FETCH_ADDR", 3, 51, 3);

    public static final List<Field> FIELDS = List.of(EVENT_ID, SSV, SSID, SID, STAG, STALL, PNU,
            IND, RNW, NSIPA, S2, CLASS, TT_READ, INPUT_ADDR, IPA, FETCH_ADDR);
}
