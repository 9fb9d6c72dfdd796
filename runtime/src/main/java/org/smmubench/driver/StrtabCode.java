package org.smmubench.driver;

import org.smmubench.hw.field.L1Std;
import org.smmubench.hw.field.Regs.StrtabBaseCfg;
import org.smmubench.hw.field.Ste;
import org.smmubench.kernel.DmaBuffer;
import org.smmubench.kernel.Errno;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Gfp;
import org.smmubench.kernel.Kernel;

/** The stream-table half of arm-smmu-v3.c (DRV-6.8). */
public final class StrtabCode {
    /** STRTAB_SPLIT: each L2 table covers 2^8 StreamIDs (16 KiB of STEs). */
    public static final int STRTAB_SPLIT = 8;
    /** STRTAB_L1_SZ_SHIFT: the L1 table is at most 1 MiB. */
    static final int STRTAB_L1_SZ_SHIFT = 20;
    /** The largest linear table the model will build (2^20 STEs, 64 MiB of simulated memory). */
    public static final int MAX_LINEAR_SID_BITS = 20;
    /** disable_bypass: the module parameter's default; unattached streams abort. */
    static final boolean DISABLE_BYPASS = true;

    private StrtabCode() {}

    /** arm_smmu_init_strtab: two-level when supported, else linear. */
    static int initStrtab(Kernel k, ArmSmmuDevice smmu) {
        try (Frame f = k.enter("arm_smmu_init_strtab")) {
            return smmu.has(Feature.TWO_LVL_STRTAB) ? initStrtab2Lvl(k, smmu) : initStrtabLinear(k, smmu);
        }
    }

    private static int initStrtab2Lvl(Kernel k, ArmSmmuDevice smmu) {
        try (Frame f = k.enter("arm_smmu_init_strtab_2lvl")) {
            StrtabCfg cfg = smmu.strtabCfg;
            int size = Math.min(STRTAB_L1_SZ_SHIFT - 3, smmu.sidBits - STRTAB_SPLIT);
            cfg.numL1Ents = 1 << size;
            size += STRTAB_SPLIT;
            // dev_warn, a log line and not a WARN splat: SIDs beyond the L1 table fail
            // arm_smmu_sid_in_range at probe_device time (-ERANGE).
            if (size < smmu.sidBits)
                k.trace("arm-smmu-v3: 2-level strtab only covers " + size + "/" + smmu.sidBits + " bits of SID");
            cfg.strtab = k.dmamAllocCoherent(null, ArmSmmuDevice.DEV_NAME, (long) cfg.numL1Ents * L1Std.BYTES, Gfp.GFP_KERNEL);
            if (cfg.strtab == null) return -Errno.ENOMEM;
            cfg.twoLevel = true;
            cfg.strtabBaseCfg = StrtabBaseCfg.FMT.maskedValue(StrtabBaseCfg.FMT_2LVL)
                    | StrtabBaseCfg.LOG2SIZE.maskedValue(size)
                    | StrtabBaseCfg.SPLIT.maskedValue(STRTAB_SPLIT);
            cfg.l1Desc = k.devmKcalloc(null, ArmSmmuDevice.DEV_NAME, cfg.numL1Ents, Gfp.GFP_KERNEL,
                    (int n) -> new DmaBuffer[n]);
            return cfg.l1Desc == null ? -Errno.ENOMEM : 0;
        }
    }

    private static int initStrtabLinear(Kernel k, ArmSmmuDevice smmu) {
        try (Frame f = k.enter("arm_smmu_init_strtab_linear")) {
            StrtabCfg cfg = smmu.strtabCfg;
            // The kernel computes the size in a u32: from 26 SID bits on it wraps (to 0) and the
            // allocation fails. Between 21 and 25 bits it asks for 128 MiB..2 GiB, more than the
            // simulated memory holds; the input rules refuse both before a bench is built.
            long size = ((1L << smmu.sidBits) * Ste.BYTES) & 0xffff_ffffL;
            if (size == 0 || smmu.sidBits > MAX_LINEAR_SID_BITS) {
                k.trace("arm-smmu-v3: failed to allocate linear stream table (" + size + " bytes)");
                return -Errno.ENOMEM;
            }
            cfg.strtab = k.dmamAllocCoherent(null, ArmSmmuDevice.DEV_NAME, size, Gfp.GFP_KERNEL);
            if (cfg.strtab == null) return -Errno.ENOMEM;
            cfg.numL1Ents = 1 << smmu.sidBits;
            cfg.strtabBaseCfg = StrtabBaseCfg.FMT.maskedValue(StrtabBaseCfg.FMT_LINEAR)
                    | StrtabBaseCfg.LOG2SIZE.maskedValue(smmu.sidBits);
            initBypassStes(smmu, cfg.strtab.dma(), cfg.numL1Ents);
            return 0;
        }
    }

    /** arm_smmu_init_bypass_stes: every STE starts as abort (or bypass without disable_bypass). */
    static void initBypassStes(ArmSmmuDevice smmu, long base, int n) {
        for (int i = 0; i < n; i++) {
            long ste = base + (long) i * Ste.BYTES;
            smmu.mem.write64(ste + Ste.SHCFG.byteOffset(), Ste.SHCFG.maskedValue(Ste.SHCFG_INCOMING));
            smmu.mem.write64(ste + Ste.V.byteOffset(), Ste.V.maskedValue(1)
                    | Ste.CONFIG.maskedValue(DISABLE_BYPASS ? Ste.CONFIG_ABORT : Ste.CONFIG_BYPASS));
        }
    }

    /** arm_smmu_init_l2_strtab: allocate the L2 table covering {@code sid} and publish its L1 descriptor. */
    static int initL2Strtab(Kernel k, ArmSmmuDevice smmu, int sid) {
        try (Frame f = k.enter("arm_smmu_init_l2_strtab")) {
            StrtabCfg cfg = smmu.strtabCfg;
            int idx = sid >>> STRTAB_SPLIT;
            if (cfg.l1Desc[idx] != null) return 0;
            DmaBuffer l2 = k.dmamAllocCoherent(null, ArmSmmuDevice.DEV_NAME, (long) Ste.BYTES << STRTAB_SPLIT, Gfp.GFP_KERNEL);
            if (l2 == null) return -Errno.ENOMEM;
            initBypassStes(smmu, l2.dma(), 1 << STRTAB_SPLIT);
            cfg.l1Desc[idx] = l2;
            long desc = L1Std.SPAN.maskedValue(STRTAB_SPLIT + 1);
            desc = L1Std.L2PTR.insertAddress(desc, l2.dma());
            smmu.mem.write64(cfg.strtab.dma() + (long) idx * L1Std.BYTES, desc);
            return 0;
        }
    }

    /** arm_smmu_get_step_for_sid: the STE's address. */
    public static long getStepForSid(ArmSmmuDevice smmu, int sid) {
        StrtabCfg cfg = smmu.strtabCfg;
        if (!cfg.twoLevel) return cfg.strtab.dma() + (long) sid * Ste.BYTES;
        DmaBuffer l2 = cfg.l1Desc[sid >>> STRTAB_SPLIT];
        return l2.dma() + (long) (sid & ((1 << STRTAB_SPLIT) - 1)) * Ste.BYTES;
    }

    /** arm_smmu_sid_in_range. */
    static boolean sidInRange(ArmSmmuDevice smmu, int sid) {
        long limit = 1L << smmu.sidBits;
        if (Integer.toUnsignedLong(sid) >= limit) return false;
        return !smmu.strtabCfg.twoLevel || (sid >>> STRTAB_SPLIT) < smmu.strtabCfg.numL1Ents;
    }

    /** arm_smmu_sync_ste_for_sid: CFGI_STE (leaf) and a CMD_SYNC. */
    static void syncSteForSid(Kernel k, ArmSmmuDevice smmu, int sid) {
        try (Frame f = k.enter("arm_smmu_sync_ste_for_sid")) {
            smmu.cmdq.issueCmdWithSync(CmdqEnt.cfgiSte(sid, true));
        }
    }

    /**
     * arm_smmu_write_strtab_ent (6.8): abort/bypass are written whole and synced once (the
     * SMMU may cache invalid STEs); a translating STE gets its body first, a sync, then
     * dword 0 in one store, another sync, and a prefetch hint. A live-to-live change is a BUG.
     */
    static void writeStrtabEnt(Kernel k, ArmSmmuMaster master, int sid, long dst) {
        try (Frame f = k.enter("arm_smmu_write_strtab_ent")) {
            ArmSmmuDevice smmu = master.smmu;
            ArmSmmuDomain domain = master.domain;
            CdTableCfg cdTable = domain != null && domain.stage == ArmSmmuDomain.Stage.S1 ? master.cdTable : null;
            long val = smmu.mem.read64(dst + Ste.V.byteOffset());
            boolean steLive = false;
            if (Ste.V.isSet(val)) {
                long cfg = Ste.CONFIG.extract(val);
                if (cfg == Ste.CONFIG_S1_TRANS || cfg == Ste.CONFIG_S2_TRANS) steLive = true;
            }
            val = Ste.V.maskedValue(1);
            if (domain == null || cdTable == null) {
                int config = domain == null && DISABLE_BYPASS ? Ste.CONFIG_ABORT : Ste.CONFIG_BYPASS;
                smmu.mem.write64(dst + Ste.CONFIG.byteOffset(), val | Ste.CONFIG.maskedValue(config));
                smmu.mem.write64(dst + Ste.SHCFG.byteOffset(), Ste.SHCFG.maskedValue(Ste.SHCFG_INCOMING));
                smmu.mem.write64(dst + Ste.S2VMID.byteOffset(), 0); // nuke the VMID
                syncSteForSid(k, smmu, sid);
                return;
            }
            if (steLive) k.warn("BUG: arm_smmu_write_strtab_ent: live STE for sid 0x" + Integer.toHexString(sid)
                    + " would be rewritten in place");
            long d1 = Ste.S1DSS.maskedValue(Ste.S1DSS_SSID0)
                    | Ste.S1CIR.maskedValue(Ste.S1C_CACHE_WBRA)
                    | Ste.S1COR.maskedValue(Ste.S1C_CACHE_WBRA)
                    | Ste.S1CSH.maskedValue(Ste.SH_ISH)
                    | Ste.STRW.maskedValue(smmu.has(Feature.E2H) ? Ste.STRW_EL2 : Ste.STRW_NSEL1);
            if (smmu.has(Feature.STALLS) && !master.stallEnabled) d1 |= Ste.S1STALLD.maskedValue(1);
            if (master.atsEnabled) d1 |= Ste.EATS.maskedValue(Ste.EATS_TRANS);
            val |= Ste.S1_CONTEXT_PTR.insertAddress(0, cdTable.cdtab.dma())
                    | Ste.CONFIG.maskedValue(Ste.CONFIG_S1_TRANS)
                    | Ste.S1CDMAX.maskedValue(cdTable.s1cdmax)
                    | Ste.S1FMT.maskedValue(cdTable.s1fmt);
            smmu.mem.write64(dst + Ste.S1DSS.byteOffset(), d1);
            smmu.mem.write64(dst + Ste.S2VMID.byteOffset(), 0);
            syncSteForSid(k, smmu, sid);
            smmu.mem.write64(dst + Ste.CONFIG.byteOffset(), val);
            syncSteForSid(k, smmu, sid);
            smmu.cmdq.issueCmd(CmdqEnt.prefetchCfg(sid));
        }
    }

    /** arm_smmu_install_ste_for_dev: every stream of the master, skipping PCI alias duplicates. */
    static void installSteForDev(Kernel k, ArmSmmuMaster master) {
        try (Frame f = k.enter("arm_smmu_install_ste_for_dev")) {
            for (int i = 0; i < master.streams.size(); i++) {
                int sid = master.streams.get(i).id();
                boolean dup = false;
                for (int j = 0; j < i; j++) dup |= master.streams.get(j).id() == sid;
                if (dup) continue;
                writeStrtabEnt(k, master, sid, getStepForSid(master.smmu, sid));
            }
        }
    }

    /** arm_smmu_insert_master: SIDs into the stream tree, creating L2 tables as needed. */
    static int insertMaster(Kernel k, ArmSmmuDevice smmu, ArmSmmuMaster master) {
        try (Frame f = k.enter("arm_smmu_insert_master")) {
            smmu.streamsMutex.lock();
            try {
                int ret = 0;
                for (int sid : master.dev.sids()) {
                    if (!sidInRange(smmu, sid)) {
                        ret = -Errno.ERANGE;
                        break;
                    }
                    if (smmu.strtabCfg.twoLevel) {
                        ret = initL2Strtab(k, smmu, sid);
                        if (ret != 0) break;
                    }
                    if (smmu.streams.containsKey(sid)) {
                        k.warn("arm_smmu_insert_master: stream 0x" + Integer.toHexString(sid) + " already in tree");
                        ret = -Errno.EINVAL;
                        break;
                    }
                    ArmSmmuStream s = new ArmSmmuStream(sid, master);
                    master.streams.add(s);
                    smmu.streams.put(sid, s);
                }
                if (ret != 0) {
                    for (ArmSmmuStream s : master.streams) smmu.streams.remove(s.id());
                    master.streams.clear();
                }
                return ret;
            } finally {
                smmu.streamsMutex.unlock();
            }
        }
    }

    /** arm_smmu_remove_master. */
    static void removeMaster(Kernel k, ArmSmmuMaster master) {
        try (Frame f = k.enter("arm_smmu_remove_master")) {
            ArmSmmuDevice smmu = master.smmu;
            smmu.streamsMutex.lock();
            try {
                for (ArmSmmuStream s : master.streams) smmu.streams.remove(s.id());
            } finally {
                smmu.streamsMutex.unlock();
            }
        }
    }
}
