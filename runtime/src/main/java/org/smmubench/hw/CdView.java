package org.smmubench.hw;

import org.smmubench.hw.field.Cd;
import org.smmubench.hw.field.Dump;
import org.smmubench.hw.field.EventType;

/**
 * A decoded CD. {@code dwords} is null when no CD could be reached (then {@code fault} says
 * why: an STE problem, C_BAD_SUBSTREAMID for an invalid L1CD or out-of-range SSID, or
 * F_CD_FETCH). Otherwise {@code fault} is null or C_BAD_CD with {@code reason}.
 */
public record CdView(int sid, int ssid, long address, long[] dwords, EventType fault, String reason) {

    public CdView {
        dwords = dwords == null ? null : dwords.clone();
    }

    @Override
    public long[] dwords() {
        return dwords == null ? null : dwords.clone();
    }

    public boolean reachable() {
        return dwords != null;
    }

    public boolean usable() {
        return dwords != null && fault == null;
    }

    public boolean valid() {
        return dwords != null && Cd.V.isSet(dwords);
    }

    public int asid() {
        return (int) Cd.ASID.get(dwords);
    }

    public long ttb0() {
        return Cd.TTB0.getAddress(dwords);
    }

    public int t0sz() {
        return (int) Cd.T0SZ.get(dwords);
    }

    public boolean epd0() {
        return Cd.EPD0.isSet(dwords);
    }

    public boolean record() {
        return Cd.R.isSet(dwords);
    }

    public String render() {
        return dwords == null ? "unreachable: " + fault + " (" + reason + ")" : Dump.render(Cd.FIELDS, dwords);
    }
}
