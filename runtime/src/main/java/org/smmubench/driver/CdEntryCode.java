package org.smmubench.driver;

import org.smmubench.hw.field.Cd;
import org.smmubench.hw.field.CdUsed;
import org.smmubench.hw.field.L1Cd;
import org.smmubench.hw.field.Ste;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Kernel;

/**
 * The CD-table functions of the 6.10+ driver (arm-smmu-v3.c, read at be7c90de39fd and in the
 * 6.18.y copy): lookup never allocates; arm_smmu_alloc_cd_ptr is the one allocating path and
 * may sleep (b2f4c0fc); CDs are written only through arm_smmu_write_cd_entry, i.e. the entry
 * writer with CFGI_CD syncs. The table allocation, the leaf allocation, the L1 descriptor and
 * arm_smmu_sync_cd are unchanged from 6.8 and stay in {@link CdCode}.
 */
public final class CdEntryCode {
    private final Kernel k;
    private final CdCode tables;
    private final EntryGeneration gen;
    private final EntryWriter writer;

    public CdEntryCode(Kernel k, CdCode tables, EntryGeneration gen) {
        this.k = k;
        this.tables = tables;
        this.gen = gen;
        this.writer = new EntryWriter(k, gen);
    }

    /**
     * arm_smmu_get_cd_ptr (6.10+): the CD's address, or 0 when the table or the leaf holding it
     * does not exist. Never allocates, so it is safe under spinlocks (mm_release).
     */
    public long getCdPtr(ArmSmmuMaster master, int ssid) {
        try (Frame f = k.enter("arm_smmu_get_cd_ptr")) {
            CdTableCfg t = master.cdTable;
            if (t.cdtab == null) return 0;
            if (t.s1fmt == Ste.S1FMT_LINEAR) return t.cdtab.dma() + (long) ssid * Cd.BYTES;
            L1CtxDesc l1 = t.l1Desc[ssid >>> CdCode.CTXDESC_SPLIT];
            if (l1.l2ptr == null) return 0;
            return l1.l2ptr.dma() + (long) (ssid & (CdCode.CTXDESC_L2_ENTRIES - 1)) * Cd.BYTES;
        }
    }

    /**
     * arm_smmu_alloc_cd_ptr: allocates the CD table and the leaf on first use (both GFP_KERNEL),
     * publishes a new leaf with a non-leaf CFGI_CD (an invalid L1CD may be cached), then looks
     * the CD up. Returns 0 when an allocation fails.
     */
    public long allocCdPtr(ArmSmmuMaster master, int ssid) {
        try (Frame f = k.enter("arm_smmu_alloc_cd_ptr")) {
            k.mightSleep("arm_smmu_alloc_cd_ptr");
            // iommu_group_mutex_assert: a probed device always has a group in the kernel; the
            // model only has one once the iommu core has added the device.
            if (master.dev.group != null) master.dev.group.mutex.assertHeld();
            CdTableCfg t = master.cdTable;
            if (t.cdtab == null && tables.allocCdTables(master) != 0) return 0;
            if (t.s1fmt == Ste.S1FMT_64K_L2) {
                int idx = ssid >>> CdCode.CTXDESC_SPLIT;
                L1CtxDesc l1 = t.l1Desc[idx];
                if (l1.l2ptr == null) {
                    if (tables.allocCdLeafTable(master, l1) != 0) return 0;
                    tables.writeCdL1Desc(master, t.cdtab.dma() + (long) idx * L1Cd.BYTES, l1);
                    tables.syncCd(master, ssid, false);
                }
            }
            return getCdPtr(master, ssid);
        }
    }

    /**
     * arm_smmu_write_cd_entry: counts V transitions of non-zero SSIDs in used_ssids (when the
     * generation has it), then moves the CD at {@code cdptr} to {@code target} with the entry
     * writer, every sync a leaf CFGI_CD for each of the master's streams plus CMD_SYNC.
     */
    public void writeCdEntry(ArmSmmuMaster master, int ssid, long cdptr, long[] target) {
        try (Frame f = k.enter("arm_smmu_write_cd_entry")) {
            var mem = master.smmu.mem;
            boolean targetValid = Cd.V.isSet(target);
            boolean curValid = Cd.V.isSet(mem.read64(cdptr + Cd.V.byteOffset()));
            if (gen.cdUsedSsids && ssid != CdCode.IOMMU_NO_PASID && curValid != targetValid) {
                master.cdTable.usedSsids += curValid ? -1 : 1;
            }
            EntryWriter.Ops ops = new EntryWriter.Ops() {
                @Override
                public void getUsed(long[] entry, long[] used) {
                    CdUsed.get(entry, used);
                }

                @Override
                public void sync() {
                    tables.syncCd(master, ssid, true);
                }
            };
            writer.writeEntry(ops, EntryWriter.Entry.at(mem, cdptr), target);
        }
    }

    /** arm_smmu_clear_cd: writes an all-zero CD; WARNs when the CD's leaf does not exist. */
    public void clearCd(ArmSmmuMaster master, int ssid) {
        try (Frame f = k.enter("arm_smmu_clear_cd")) {
            if (master.cdTable.cdtab == null) return;
            long cdptr = getCdPtr(master, ssid);
            if (k.warnOn(cdptr == 0, "arm_smmu_clear_cd: no CD for ssid 0x" + Integer.toHexString(ssid))) return;
            writeCdEntry(master, ssid, cdptr, new long[Cd.DWORDS]);
        }
    }
}
