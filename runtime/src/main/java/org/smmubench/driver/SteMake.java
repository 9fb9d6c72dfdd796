package org.smmubench.driver;

import java.util.Arrays;

import org.smmubench.hw.field.Ste;

/**
 * The STE make functions of arm-smmu-v3.c (6.9+): each fills a whole target STE from the
 * field declarations and touches no hardware; arm_smmu_write_ste then installs it with the
 * entry writer. Differences between kernel generations come from {@link EntryGeneration}.
 */
public final class SteMake {
    private SteMake() {}

    /** arm_smmu_make_abort_ste: V and Config=abort, nothing else. */
    public static void makeAbortSte(long[] target) {
        Arrays.fill(target, 0);
        Ste.V.prep(target, 1);
        Ste.CONFIG.prep(target, Ste.CONFIG_ABORT);
    }

    /** arm_smmu_make_bypass_ste: Config=bypass, SHCFG=incoming when the SMMU has attribute overrides. */
    public static void makeBypassSte(java.util.Set<Feature> smmuFeatures, long[] target) {
        Arrays.fill(target, 0);
        Ste.V.prep(target, 1);
        Ste.CONFIG.prep(target, Ste.CONFIG_BYPASS);
        if (smmuFeatures.contains(Feature.ATTR_TYPES_OVR)) Ste.SHCFG.prep(target, Ste.SHCFG_INCOMING);
    }

    /**
     * arm_smmu_make_cdtable_ste: stage 1 through the master's CD table. Before 6.11 the kernel
     * had no s1dss parameter (always SSID0); such a generation rejects any other value. At
     * v6.10 the KUnit file calls it as (target, master), so ATS then came from the master: a
     * v6.10 caller passes master.atsEnabled (the body is the one read at be7c90de39fd, where
     * ats_enabled is already a parameter).
     */
    public static void makeCdtableSte(EntryGeneration gen, long[] target, EntryMaster master, boolean atsEnabled,
            int s1dss) {
        if (!gen.cdtableS1dss && s1dss != Ste.S1DSS_SSID0) {
            throw new IllegalArgumentException("arm_smmu_make_cdtable_ste of " + gen + " always uses S1DSS=SSID0, asked for "
                    + s1dss);
        }
        Arrays.fill(target, 0);
        Ste.V.prep(target, 1);
        Ste.CONFIG.prep(target, Ste.CONFIG_S1_TRANS);
        Ste.S1FMT.prep(target, master.s1fmt());
        Ste.S1_CONTEXT_PTR.setAddress(target, master.cdtabDma() & Ste.S1_CONTEXT_PTR.mask());
        Ste.S1CDMAX.prep(target, master.s1cdmax());

        Ste.S1DSS.prep(target, s1dss);
        Ste.S1CIR.prep(target, Ste.S1C_CACHE_WBRA);
        Ste.S1COR.prep(target, Ste.S1C_CACHE_WBRA);
        Ste.S1CSH.prep(target, Ste.SH_ISH);
        if (master.has(Feature.STALLS) && !master.stallEnabled()) Ste.S1STALLD.prep(target, 1);
        Ste.EATS.prep(target, atsEnabled ? Ste.EATS_TRANS : Ste.EATS_ABT);
        if (gen.cdtableS1dss && master.has(Feature.ATTR_TYPES_OVR) && s1dss == Ste.S1DSS_BYPASS) {
            Ste.SHCFG.prep(target, Ste.SHCFG_INCOMING);
        }
        if (master.has(Feature.E2H)) {
            // A BTM-compatible StreamWorld: EL2 when the CPU runs the kernel at EL2 with E2H.
            Ste.STRW.prep(target, Ste.STRW_EL2);
        } else {
            Ste.STRW.prep(target, Ste.STRW_NSEL1);
            // VMID 0 is kept for stage-2-bypass EL1 STEs.
            Ste.S2VMID.prep(target, 0);
        }
    }

    /** The stage-2 io-pgtable configuration and VMID a stage-2 domain hands to the STE. */
    public record S2Domain(int vmid, long vttbr, int ps, int tg, int sh, int orgn, int irgn, int sl, int tsz,
                           boolean quirkS2fwb) {
    }

    /** arm_smmu_make_s2_domain_ste: stage 2 only. */
    public static void makeS2DomainSte(EntryGeneration gen, long[] target, EntryMaster master, S2Domain domain,
            boolean atsEnabled) {
        Arrays.fill(target, 0);
        Ste.V.prep(target, 1);
        Ste.CONFIG.prep(target, Ste.CONFIG_S2_TRANS);

        Ste.EATS.prep(target, atsEnabled ? Ste.EATS_TRANS : Ste.EATS_ABT);
        if (gen.s2StallAndFwb && domain.quirkS2fwb()) Ste.S2FWB.prep(target, 1);
        if (master.has(Feature.ATTR_TYPES_OVR)) Ste.SHCFG.prep(target, Ste.SHCFG_INCOMING);

        Ste.S2VMID.prep(target, domain.vmid());
        Ste.S2T0SZ.prep(target, domain.tsz());
        Ste.S2SL0.prep(target, domain.sl());
        Ste.S2IR0.prep(target, domain.irgn());
        Ste.S2OR0.prep(target, domain.orgn());
        Ste.S2SH0.prep(target, domain.sh());
        Ste.S2TG.prep(target, domain.tg());
        Ste.S2PS.prep(target, domain.ps());
        Ste.S2AA64.prep(target, 1);
        Ste.S2PTW.prep(target, 1);
        if (gen.s2StallAndFwb && master.stallEnabled()) Ste.S2S.prep(target, 1);
        Ste.S2R.prep(target, 1);

        Ste.S2TTB.setAddress(target, domain.vttbr() & Ste.S2TTB.mask());
    }
}
