package org.smmubench.hw;

import org.smmubench.hw.field.Dump;
import org.smmubench.hw.field.EventType;
import org.smmubench.hw.field.Ste;

/**
 * A decoded STE. {@code dwords} is null when no STE could be reached for the SID (then
 * {@code fault} says why: C_BAD_STREAMID or F_STE_FETCH). Otherwise {@code fault} is null or
 * C_BAD_STE with {@code reason}.
 */
public record SteView(int sid, long address, long[] dwords, EventType fault, String reason) {

    public SteView {
        dwords = dwords == null ? null : dwords.clone();
    }

    @Override
    public long[] dwords() {
        return dwords == null ? null : dwords.clone();
    }

    public boolean reachable() {
        return dwords != null;
    }

    /** Reachable and passes the STE checks (V=1 and no illegal field combination). */
    public boolean usable() {
        return dwords != null && fault == null;
    }

    public boolean valid() {
        return dwords != null && Ste.V.isSet(dwords);
    }

    public int config() {
        return (int) Ste.CONFIG.get(dwords);
    }

    public boolean isAbort() {
        return (config() & 0b100) == 0;
    }

    public boolean isBypass() {
        return config() == Ste.CONFIG_BYPASS;
    }

    public boolean isS1() {
        return config() == Ste.CONFIG_S1_TRANS;
    }

    public int s1Fmt() {
        return (int) Ste.S1FMT.get(dwords);
    }

    public long s1ContextPtr() {
        return Ste.S1_CONTEXT_PTR.getAddress(dwords);
    }

    public int s1CdMax() {
        return (int) Ste.S1CDMAX.get(dwords);
    }

    public int s1Dss() {
        return (int) Ste.S1DSS.get(dwords);
    }

    public int eats() {
        return (int) Ste.EATS.get(dwords);
    }

    public int strw() {
        return (int) Ste.STRW.get(dwords);
    }

    public boolean s1Stalld() {
        return Ste.S1STALLD.isSet(dwords);
    }

    public int vmid() {
        return (int) Ste.S2VMID.get(dwords);
    }

    public String render() {
        return dwords == null ? "unreachable: " + fault + " (" + reason + ")" : Dump.render(Ste.FIELDS, dwords);
    }
}
