package org.smmubench.hw;

import org.smmubench.hw.field.Cd;
import org.smmubench.hw.field.Regs.Idr5;
import org.smmubench.hw.field.Ste;

/**
 * The legality checks the SMMU applies to an STE (C_BAD_STE) and a CD (C_BAD_CD). Each
 * returns null when the entry is usable, else a short reason.
 */
final class Checks {
    private Checks() {
    }

    static final int T0SZ_MIN_4K = 16;
    static final int T0SZ_MAX_4K = 39;

    static String steProblem(long[] ste, HwConfig cfg) {
        if (!Ste.V.isSet(ste)) {
            return "V=0";
        }
        int config = (int) Ste.CONFIG.get(ste);
        if ((config & 0b100) == 0 || config == Ste.CONFIG_BYPASS) {
            return null; // abort and bypass use nothing else
        }
        if (config == Ste.CONFIG_S2_TRANS || config == Ste.CONFIG_NESTED) {
            // Stage 2 is not implemented (IDR0.S2P=0): a config using it is ILLEGAL.
            return "Config=0b" + Integer.toBinaryString(config) + " needs stage 2, which this SMMU does not implement";
        }
        if (Ste.S1FMT.get(ste) == 3) {
            return "S1Fmt=3 is reserved";
        }
        if (Ste.S1CDMAX.get(ste) > cfg.ssidBits()) {
            return "S1CDMax=" + Ste.S1CDMAX.get(ste) + " exceeds SSIDSIZE=" + cfg.ssidBits();
        }
        if (Ste.S1CDMAX.get(ste) > 0 && Ste.S1FMT.get(ste) != Ste.S1FMT_LINEAR && !cfg.twoLevelCdtab()) {
            return "2-level CD table without IDR0.CD2L";
        }
        long strw = Ste.STRW.get(ste);
        if (strw == 1 || strw == 3) {
            return "STRW=" + strw + " is reserved";
        }
        if (strw == Ste.STRW_EL2 && !cfg.hyp()) {
            return "STRW=EL2 without IDR0.HYP";
        }
        if (cfg.ats() && Ste.EATS.get(ste) >= Ste.EATS_S1CHK) {
            return "EATS=" + Ste.EATS.get(ste) + " needs stage 2 (or is reserved)";
        }
        if (Ste.S1_CONTEXT_PTR.getAddress(ste) >>> cfg.oasBits() != 0) {
            return "S1ContextPtr beyond OAS";
        }
        return null;
    }

    static String cdProblem(long[] cd, HwConfig cfg) {
        if (!Cd.V.isSet(cd)) {
            return "V=0";
        }
        if (!Cd.AA64.isSet(cd)) {
            return "AA64=0 but only AArch64 tables are supported";
        }
        if (!Cd.EPD0.isSet(cd)) {
            long t0sz = Cd.T0SZ.get(cd);
            if (t0sz < T0SZ_MIN_4K || t0sz > T0SZ_MAX_4K) {
                return "T0SZ=" + t0sz + " out of range 16..39 for the 4K granule";
            }
            if (Cd.TG0.get(cd) != Cd.TG0_4K) {
                return "TG0=" + Cd.TG0.get(cd) + " but only the 4K granule is supported";
            }
        }
        if (Cd.ENDI.isSet(cd)) {
            return "ENDI=1 but tables are little-endian only (IDR0.TTENDIAN=LE)";
        }
        if (Cd.HA.isSet(cd) || Cd.HD.isSet(cd)) {
            return "HA/HD set but the SMMU has no HTTU";
        }
        if (Cd.S.isSet(cd) && !cfg.stall()) {
            return "S=1 but the SMMU cannot stall";
        }
        long ips = Cd.IPS.get(cd);
        if (ips >= Idr5.OAS_BITS.length || Idr5.OAS_BITS[(int) ips] > cfg.oasBits()) {
            return "IPS=" + ips + " above OAS";
        }
        if (!Cd.EPD0.isSet(cd) && Cd.TTB0.getAddress(cd) >>> Idr5.OAS_BITS[(int) ips] != 0) {
            return "TTB0 beyond IPS";
        }
        return null;
    }
}
