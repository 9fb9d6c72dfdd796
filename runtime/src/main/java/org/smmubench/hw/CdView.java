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

    /**
     * What a transaction using this CD gets according to this decode: the fault and its reason
     * when there is one, then (V=1) the fields the model's checks and walker read. With EPD0
     * set, TTB0 and its walk controls are not read, so they do not appear. ASET, MAIR and the
     * cacheability fields are not modelled and do not appear either.
     */
    public String configuration() {
        if (dwords == null) return "unreachable " + fault + " (" + reason + ")";
        if (!valid()) return fault + " (" + reason + ")";
        StringBuilder b = new StringBuilder();
        if (fault != null) b.append(fault).append(" (").append(reason).append(") ");
        b.append("ASID=").append(asid()).append(" EPD0=").append(epd0() ? 1 : 0);
        if (!epd0()) {
            b.append(" T0SZ=").append(t0sz()).append(" TG0=").append(Cd.TG0.get(dwords))
                    .append(" TTB0=0x").append(Long.toHexString(ttb0()));
        }
        for (var f : java.util.List.of(Cd.IPS, Cd.AA64, Cd.ENDI, Cd.HA, Cd.HD, Cd.S, Cd.R, Cd.AFFD, Cd.PAN, Cd.TBI0, Cd.WXN)) {
            b.append(' ').append(f.name()).append('=').append(f.get(dwords));
        }
        return b.toString();
    }

    public String render() {
        return dwords == null ? "unreachable: " + fault + " (" + reason + ")" : Dump.render(Cd.FIELDS, dwords);
    }
}
