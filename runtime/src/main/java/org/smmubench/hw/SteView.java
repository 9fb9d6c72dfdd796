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

    /**
     * What a transaction on this stream gets according to this decode, written out field by
     * field: the fault (with its reason) when there is one, then the Config and the fields the
     * model reads for it (stage 1: the CD table, S1DSS when substreams exist, STRW, S1STALLD;
     * EATS for translating configs). Two STEs with equal strings behave the same for the model;
     * fields it never reads (cache attributes, SHCFG, a bypass STE's leftovers) do not appear.
     */
    public String configuration() {
        if (dwords == null) return "unreachable " + fault + " (" + reason + ")";
        if (fault != null) {
            // The SMMU only raises C_BAD_STE here; the fields still say which bad STE it is, so
            // a torn entry is not mistaken for the old or new one.
            return valid() ? fault + " (" + reason + ") as stored: Config=" + config() + stageFields()
                    : fault + " (" + reason + ")";
        }
        if (isAbort()) return "abort";
        if (isBypass()) return "bypass";
        return "Config=" + config() + stageFields();
    }

    private String stageFields() {
        StringBuilder b = new StringBuilder();
        if ((config() & 1) != 0) {
            b.append(" S1ContextPtr=0x").append(Long.toHexString(s1ContextPtr()))
                    .append(" S1Fmt=").append(s1Fmt()).append(" S1CDMax=").append(s1CdMax());
            if (s1CdMax() > 0) b.append(" S1DSS=").append(s1Dss());
            b.append(" STRW=").append(strw()).append(" S1STALLD=").append(s1Stalld() ? 1 : 0);
        }
        b.append(" EATS=").append(eats());
        if ((config() & 2) != 0) {
            // Stage 2 is not implemented by the model (Checks reports C_BAD_STE): listed as stored.
            for (var f : java.util.List.of(Ste.S2VMID, Ste.S2T0SZ, Ste.S2SL0, Ste.S2IR0, Ste.S2OR0, Ste.S2SH0, Ste.S2TG,
                    Ste.S2PS, Ste.S2AA64, Ste.S2ENDI, Ste.S2PTW, Ste.S2S, Ste.S2R, Ste.S2FWB, Ste.S2TTB)) {
                b.append(' ').append(f.name()).append("=0x").append(Long.toHexString(f.display(dwords)));
            }
        }
        return b.toString();
    }

    public String render() {
        return dwords == null ? "unreachable: " + fault + " (" + reason + ")" : Dump.render(Ste.FIELDS, dwords);
    }
}
