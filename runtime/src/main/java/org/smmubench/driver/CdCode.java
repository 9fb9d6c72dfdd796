package org.smmubench.driver;

import org.smmubench.hw.field.Cd;
import org.smmubench.hw.field.L1Cd;
import org.smmubench.hw.field.Ste;
import org.smmubench.kernel.DmaBuffer;
import org.smmubench.kernel.Errno;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Gfp;
import org.smmubench.kernel.Kernel;

/**
 * The context-descriptor half of arm-smmu-v3.c at DRV-6.8 (kernel-sva.md §3.1–§3.3): the
 * per-master CD table, the on-demand 64 KiB leaves, and arm_smmu_write_ctx_desc's five cases.
 */
public class CdCode {
    /** CTXDESC_SPLIT: a 64 KiB leaf holds 2^10 CDs. */
    public static final int CTXDESC_SPLIT = 10;
    public static final int CTXDESC_L2_ENTRIES = 1 << CTXDESC_SPLIT;
    /** CTXDESC_LINEAR_CDMAX: a linear table is at most 64 KiB. */
    public static final int CTXDESC_LINEAR_CDMAX = 10;
    /** IOMMU_NO_PASID: CD 0 is the RID's own stage-1 context. */
    public static final int IOMMU_NO_PASID = 0;

    /** The quiet_cd sentinel: "keep the CD valid but stop translating" (case 4). */
    public final CtxDesc quietCd = new CtxDesc();

    protected final Kernel k;

    public CdCode(Kernel k) { this.k = k; }

    /** arm_smmu_alloc_cd_tables: linear when small or unsupported, else 64K-leaf two-level. */
    public int allocCdTables(ArmSmmuMaster master) {
        try (Frame f = k.enter("arm_smmu_alloc_cd_tables")) {
            ArmSmmuDevice smmu = master.smmu;
            CdTableCfg cdTable = master.cdTable;
            cdTable.stallEnabled = master.stallEnabled;
            cdTable.s1cdmax = master.ssidBits;
            int maxContexts = 1 << cdTable.s1cdmax;
            long l1size;
            if (!smmu.has(Feature.TWO_LVL_CDTAB) || maxContexts <= CTXDESC_L2_ENTRIES) {
                cdTable.s1fmt = Ste.S1FMT_LINEAR;
                cdTable.numL1Ents = maxContexts;
                l1size = (long) maxContexts * Cd.BYTES;
            } else {
                cdTable.s1fmt = Ste.S1FMT_64K_L2;
                cdTable.numL1Ents = (maxContexts + CTXDESC_L2_ENTRIES - 1) / CTXDESC_L2_ENTRIES;
                cdTable.l1Desc = k.devmKcalloc(null, master.dev.name(), cdTable.numL1Ents, Gfp.GFP_KERNEL,
                        (int n) -> newL1Descs(n));
                if (cdTable.l1Desc == null) return -Errno.ENOMEM;
                l1size = (long) cdTable.numL1Ents * L1Cd.BYTES;
            }
            cdTable.cdtab = k.dmamAllocCoherent("dma_alloc.cd_table", master.dev.name(), l1size, Gfp.GFP_KERNEL);
            if (cdTable.cdtab == null) {
                k.trace("arm-smmu-v3: failed to allocate context descriptor");
                if (cdTable.l1Desc != null) {
                    k.devmKfree(cdTable.l1Desc);
                    cdTable.l1Desc = null;
                }
                return -Errno.ENOMEM;
            }
            return 0;
        }
    }

    private static L1CtxDesc[] newL1Descs(int n) {
        L1CtxDesc[] a = new L1CtxDesc[n];
        for (int i = 0; i < n; i++) a[i] = new L1CtxDesc();
        return a;
    }

    /** arm_smmu_free_cd_tables: every leaf, the L1 bookkeeping, then the table itself. */
    public void freeCdTables(ArmSmmuMaster master) {
        try (Frame f = k.enter("arm_smmu_free_cd_tables")) {
            CdTableCfg cdTable = master.cdTable;
            if (cdTable.l1Desc != null) {
                for (L1CtxDesc d : cdTable.l1Desc) {
                    if (d.l2ptr == null) continue;
                    k.dmamFreeCoherent(d.l2ptr);
                    d.l2ptr = null;
                }
                k.devmKfree(cdTable.l1Desc);
                cdTable.l1Desc = null;
            }
            k.dmamFreeCoherent(cdTable.cdtab);
            cdTable.cdtab = null;
        }
    }

    /** arm_smmu_alloc_cd_leaf_table: a 64 KiB leaf, GFP_KERNEL (it may sleep: the seed bug). */
    protected int allocCdLeafTable(ArmSmmuMaster master, L1CtxDesc l1) {
        try (Frame f = k.enter("arm_smmu_alloc_cd_leaf_table")) {
            long size = (long) CTXDESC_L2_ENTRIES * Cd.BYTES;
            l1.l2ptr = k.dmamAllocCoherent("dma_alloc.cd_leaf", master.dev.name(), size, Gfp.GFP_KERNEL);
            if (l1.l2ptr == null) {
                k.trace("arm-smmu-v3: failed to allocate context descriptor table");
                return -Errno.ENOMEM;
            }
            return 0;
        }
    }

    /** arm_smmu_write_cd_l1_desc: one 64-bit store of the leaf pointer with V. */
    protected void writeCdL1Desc(ArmSmmuMaster master, long l1ptr, L1CtxDesc l1) {
        try (Frame f = k.enter("arm_smmu_write_cd_l1_desc")) {
            long val = L1Cd.L2PTR.insertAddress(0, l1.l2ptr.dma()) | L1Cd.V.maskedValue(1);
            master.smmu.mem.write64(l1ptr, val);
        }
    }

    /**
     * arm_smmu_get_cd_ptr (6.8): the CD's address, allocating the leaf on first use and
     * publishing it with a non-leaf CFGI_CD (an invalid L1CD may have been cached).
     * Returns 0 when the allocation fails.
     */
    public long getCdPtr(ArmSmmuMaster master, int ssid) {
        try (Frame f = k.enter("arm_smmu_get_cd_ptr")) {
            CdTableCfg cdTable = master.cdTable;
            if (cdTable.s1fmt == Ste.S1FMT_LINEAR) return cdTable.cdtab.dma() + (long) ssid * Cd.BYTES;
            int idx = ssid >>> CTXDESC_SPLIT;
            L1CtxDesc l1 = cdTable.l1Desc[idx];
            if (l1.l2ptr == null) {
                if (allocCdLeafTable(master, l1) != 0) return 0;
                writeCdL1Desc(master, cdTable.cdtab.dma() + (long) idx * L1Cd.BYTES, l1);
                syncCd(master, ssid, false);
            }
            return l1.l2ptr.dma() + (long) (ssid & (CTXDESC_L2_ENTRIES - 1)) * Cd.BYTES;
        }
    }

    /** arm_smmu_sync_cd: CFGI_CD for every stream of this master (only this one since 24503148), then SYNC. */
    public void syncCd(ArmSmmuMaster master, int ssid, boolean leaf) {
        try (Frame f = k.enter("arm_smmu_sync_cd")) {
            ArmSmmuCmdq.Batch cmds = master.smmu.cmdq.batch();
            for (ArmSmmuStream s : master.streams) cmds.add(CmdqEnt.cfgiCd(s.id(), ssid, leaf));
            cmds.submit();
        }
    }

    /**
     * arm_smmu_write_ctx_desc: (5) remove with cd == null, (4) quiesce with quiet_cd, (3) ASID
     * update of a live CD, (1)/(2) install: dwords 1-3, sync, then dword 0 with V in one store.
     * Every path ends with a sync of this master's streams.
     */
    public int writeCtxDesc(ArmSmmuMaster master, int ssid, CtxDesc cd) {
        try (Frame f = k.enter("arm_smmu_write_ctx_desc")) {
            CdTableCfg cdTable = master.cdTable;
            if (k.warnOn(Integer.toUnsignedLong(ssid) >= (1L << cdTable.s1cdmax),
                    "arm_smmu_write_ctx_desc: ssid 0x" + Integer.toHexString(ssid) + " >= 1 << s1cdmax (" + cdTable.s1cdmax + ")")) {
                return -Errno.E2BIG;
            }
            if (cdTable.cdtab == null) {
                // A master never attached to an S1 domain has no table; 6.8 only gets here with
                // s1cdmax == 0, caught above. Guard the model against a null table all the same.
                return -Errno.E2BIG;
            }
            long cdptr = getCdPtr(master, ssid);
            if (cdptr == 0) return -Errno.ENOMEM;
            var mem = master.smmu.mem;
            long val = mem.read64(cdptr + Cd.V.byteOffset());
            boolean cdLive = Cd.V.isSet(val);
            if (cd == null) {
                val = 0;
            } else if (cd == quietCd) {
                val |= Cd.EPD0.maskedValue(1);
                if (!master.smmu.has(Feature.STALL_FORCE)) val &= ~(Cd.S.mask() | Cd.R.mask());
            } else if (cdLive) {
                val = Cd.ASID.insert(val, cd.asid);
            } else {
                mem.write64(cdptr + Cd.TTB0.byteOffset(), Cd.TTB0.insertAddress(0, cd.ttbr & Cd.TTB0.mask()));
                mem.write64(cdptr + Cd.TTB1.byteOffset(), 0);
                mem.write64(cdptr + Cd.MAIR.byteOffset(), Cd.MAIR.maskedValue(cd.mair));
                syncCd(master, ssid, true);
                val = cd.tcr
                        | Cd.R.maskedValue(1) | Cd.A.maskedValue(1)
                        | (cd.mm != null ? 0 : Cd.ASET.maskedValue(1))
                        | Cd.AA64.maskedValue(1)
                        | Cd.ASID.maskedValue(cd.asid)
                        | Cd.V.maskedValue(1);
                if (cdTable.stallEnabled) val |= Cd.S.maskedValue(1);
            }
            mem.write64(cdptr + Cd.V.byteOffset(), val);
            syncCd(master, ssid, true);
            return 0;
        }
    }

    /** The CD's address if its table and leaf exist, without allocating (for inspection). */
    public static long peekCdPtr(ArmSmmuMaster master, int ssid) {
        CdTableCfg t = master.cdTable;
        if (t.cdtab == null || Integer.toUnsignedLong(ssid) >= (1L << t.s1cdmax)) return 0;
        if (t.s1fmt == Ste.S1FMT_LINEAR) return t.cdtab.dma() + (long) ssid * Cd.BYTES;
        DmaBuffer leaf = t.l1Desc[ssid >>> CTXDESC_SPLIT].l2ptr;
        return leaf == null ? 0 : leaf.dma() + (long) (ssid & (CTXDESC_L2_ENTRIES - 1)) * Cd.BYTES;
    }
}
