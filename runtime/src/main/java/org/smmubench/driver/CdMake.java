package org.smmubench.driver;

import java.util.Arrays;

import org.smmubench.hw.field.Cd;

/**
 * The CD make functions of the reworked driver: arm_smmu_make_s1_cd (arm-smmu-v3.c, 6.10+)
 * and arm_smmu_make_sva_cd (arm-smmu-v3-sva.c, 6.10+). Pure: they fill a target CD that
 * arm_smmu_write_cd_entry then installs with the entry writer.
 */
public final class CdMake {
    private CdMake() {}

    /** A stage-1 domain's ASID and io-pgtable configuration (arm_lpae_s1_cfg). */
    public record S1Domain(int asid, long ttbr, int ips, int tg, int sh, int orgn, int irgn, int tsz, long mair,
                           boolean quirkHd) {
    }

    /** arm_smmu_make_s1_cd: a DMA domain's CD (private ASID, so ASET). */
    public static void makeS1Cd(EntryGeneration gen, long[] target, EntryMaster master, S1Domain domain) {
        Arrays.fill(target, 0);
        Cd.T0SZ.prep(target, domain.tsz());
        Cd.TG0.prep(target, domain.tg());
        Cd.IRGN0.prep(target, domain.irgn());
        Cd.ORGN0.prep(target, domain.orgn());
        Cd.SH0.prep(target, domain.sh());
        Cd.EPD1.prep(target, 1);
        Cd.V.prep(target, 1);
        Cd.IPS.prep(target, domain.ips());
        Cd.AA64.prep(target, 1);
        if (master.stallEnabled()) Cd.S.prep(target, 1);
        Cd.R.prep(target, 1);
        Cd.A.prep(target, 1);
        Cd.ASET.prep(target, 1);
        Cd.ASID.prep(target, domain.asid());
        if (gen.s1CdDirtyTracking && domain.quirkHd()) {
            Cd.HA.prep(target, 1);
            Cd.HD.prep(target, 1);
        }
        Cd.TTB0.setAddress(target, domain.ttbr() & Cd.TTB0.mask());
        Cd.MAIR.prep(target, domain.mair());
    }

    /**
     * The CPU side make_sva_cd copies: ID_AA64MMFR0_EL1.PARange, vabits_actual, PAGE_SIZE and
     * MAIR_EL1. The bench has no CPU registers, so a tree supplies them.
     */
    public record CpuMmu(int parange, int vaBits, int pageSize, long mairEl1) {
        /** page_size_to_cd. */
        int tg0() {
            return switch (pageSize) {
                case 65536 -> Cd.TG0_64K;
                case 16384 -> Cd.TG0_16K;
                case 4096 -> Cd.TG0_4K;
                default -> throw new IllegalArgumentException("PAGE_SIZE " + pageSize + " is not 4K, 16K or 64K");
            };
        }
    }

    /**
     * arm_smmu_make_sva_cd (read in Kingxukai/linux 0291023e7330, a ~6.16 tree; the 6.10 text
     * was not readable, see EntryGeneration). {@code pgdPhys} null is the kernel's mm == NULL:
     * the "release" CD that stays valid but faults everything (EPD0, and without STALL_FORCE
     * no stall and no fault records), which write_cd_entry can reach hitlessly because EPD0 makes
     * TTB0 and its walk controls ignored.
     */
    public static void makeSvaCd(long[] target, EntryMaster master, Long pgdPhys, CpuMmu cpu, int asid) {
        Arrays.fill(target, 0);
        Cd.EPD1.prep(target, 1);
        Cd.V.prep(target, 1);
        Cd.IPS.prep(target, cpu.parange());
        Cd.AA64.prep(target, 1);
        if (master.stallEnabled()) Cd.S.prep(target, 1);
        Cd.R.prep(target, 1);
        Cd.A.prep(target, 1);
        Cd.ASET.prep(target, 1);
        Cd.ASID.prep(target, asid);
        if (pgdPhys != null) {
            Cd.T0SZ.prep(target, 64 - cpu.vaBits());
            Cd.TG0.prep(target, cpu.tg0());
            Cd.IRGN0.prep(target, CdTcr.RGN_WBWA);
            Cd.ORGN0.prep(target, CdTcr.RGN_WBWA);
            Cd.SH0.prep(target, CdTcr.SH_IS);
            Cd.TTB0.setAddress(target, pgdPhys & Cd.TTB0.mask());
        } else {
            Cd.EPD0.prep(target, 1);
            if (!master.has(Feature.STALL_FORCE)) {
                Cd.S.set(target, 0);
                Cd.R.set(target, 0);
            }
        }
        Cd.MAIR.prep(target, cpu.mairEl1());
    }
}
