package org.smmubench.hw;

import org.smmubench.hw.field.Cd;
import org.smmubench.hw.field.Cmd;
import org.smmubench.hw.field.L1Cd;
import org.smmubench.hw.field.L1Std;
import org.smmubench.hw.field.Opcode;
import org.smmubench.hw.field.Pte;
import org.smmubench.hw.field.Regs;
import org.smmubench.hw.field.Regs.Cr0;
import org.smmubench.hw.field.Regs.Cr2;
import org.smmubench.hw.field.Regs.QBase;
import org.smmubench.hw.field.Regs.StrtabBase;
import org.smmubench.hw.field.Regs.StrtabBaseCfg;
import org.smmubench.hw.field.Ste;

/**
 * Test-only helper: plays the driver's part by writing stream tables, CDs and page tables
 * straight into memory and queueing commands, so hw tests need no driver.
 */
final class HwRig {
    static final int CMDQ_SHIFT = 6;
    static final int EVTQ_SHIFT = 5;
    static final int SPLIT = 8;

    final PhysMemory mem = new PhysMemory();
    final HwConfig cfg;
    final Smmu smmu;
    final long strtab;
    final long cmdqBase;
    final long evtqBase;
    private final boolean twoLevel;
    private final long[] l2Tables;

    HwRig() {
        this(HwConfig.defaults());
    }

    HwRig(HwConfig cfg) {
        this.cfg = cfg;
        this.smmu = new Smmu(cfg, mem);
        this.twoLevel = cfg.twoLevelStrtab();
        if (twoLevel) {
            int l1Entries = 1 << (cfg.sidBits() - SPLIT);
            strtab = mem.alloc((long) l1Entries * L1Std.BYTES, 64);
            l2Tables = new long[l1Entries];
            smmu.writeReg32(Regs.STRTAB_BASE_CFG, (int) (StrtabBaseCfg.FMT.maskedValue(StrtabBaseCfg.FMT_2LVL)
                    | StrtabBaseCfg.SPLIT.maskedValue(SPLIT) | StrtabBaseCfg.LOG2SIZE.maskedValue(cfg.sidBits())));
        } else {
            strtab = mem.alloc((long) Ste.BYTES << cfg.sidBits(), (long) Ste.BYTES << cfg.sidBits());
            l2Tables = null;
            smmu.writeReg32(Regs.STRTAB_BASE_CFG, (int) (StrtabBaseCfg.FMT.maskedValue(StrtabBaseCfg.FMT_LINEAR)
                    | StrtabBaseCfg.LOG2SIZE.maskedValue(cfg.sidBits())));
        }
        smmu.writeReg64(Regs.STRTAB_BASE, StrtabBase.ADDR.insertAddress(0, strtab));
        cmdqBase = mem.alloc((long) Cmd.BYTES << CMDQ_SHIFT, (long) Cmd.BYTES << CMDQ_SHIFT);
        smmu.writeReg64(Regs.CMDQ_BASE, QBase.ADDR.insertAddress(0, cmdqBase) | QBase.LOG2SIZE.maskedValue(CMDQ_SHIFT));
        evtqBase = mem.alloc(32L << EVTQ_SHIFT, 32L << EVTQ_SHIFT);
        smmu.writeReg64(Regs.EVTQ_BASE, QBase.ADDR.insertAddress(0, evtqBase) | QBase.LOG2SIZE.maskedValue(EVTQ_SHIFT));
        smmu.writeReg32(Regs.CR2, (int) (Cr2.RECINVSID.maskedValue(1) | Cr2.PTM.maskedValue(1)));
        smmu.writeReg32(Regs.CR0, (int) (Cr0.CMDQEN.maskedValue(1) | Cr0.EVTQEN.maskedValue(1) | Cr0.SMMUEN.maskedValue(1)));
    }

    /** Address of the STE for sid, creating a 2-level L2 table (Span = SPLIT+1) on first use. */
    long steAddress(int sid) {
        if (!twoLevel) {
            return strtab + (long) sid * Ste.BYTES;
        }
        int l1 = sid >>> SPLIT;
        if (l2Tables[l1] == 0) {
            l2Tables[l1] = mem.alloc((long) Ste.BYTES << SPLIT, (long) Ste.BYTES << SPLIT);
            long desc = L1Std.SPAN.maskedValue(SPLIT + 1);
            mem.write64(strtab + (long) l1 * L1Std.BYTES, L1Std.L2PTR.insertAddress(desc, l2Tables[l1]));
        }
        return l2Tables[l1] + (long) (sid & ((1 << SPLIT) - 1)) * Ste.BYTES;
    }

    void writeSte(int sid, long[] ste) {
        mem.writeWords(steAddress(sid), ste);
    }

    static long[] bypassSte() {
        long[] s = new long[Ste.DWORDS];
        Ste.V.set(s, 1);
        Ste.CONFIG.set(s, Ste.CONFIG_BYPASS);
        return s;
    }

    static long[] s1Ste(long cdtab, int s1fmt, int cdMax, int s1dss) {
        long[] s = new long[Ste.DWORDS];
        Ste.V.set(s, 1);
        Ste.CONFIG.set(s, Ste.CONFIG_S1_TRANS);
        Ste.S1FMT.set(s, s1fmt);
        Ste.S1_CONTEXT_PTR.setAddress(s, cdtab);
        Ste.S1CDMAX.set(s, cdMax);
        Ste.S1DSS.set(s, s1dss);
        return s;
    }

    /** A valid SVA-like CD: 48-bit VA, 4K, EPD1, R=1, A=1, AA64. */
    static long[] cd(int asid, long ttb0) {
        long[] c = new long[Cd.DWORDS];
        Cd.T0SZ.set(c, 16);
        Cd.TG0.set(c, Cd.TG0_4K);
        Cd.EPD1.set(c, 1);
        Cd.V.set(c, 1);
        Cd.IPS.set(c, 5);
        Cd.AA64.set(c, 1);
        Cd.R.set(c, 1);
        Cd.A.set(c, 1);
        Cd.ASET.set(c, 1);
        Cd.ASID.set(c, asid);
        Cd.TTB0.setAddress(c, ttb0);
        return c;
    }

    /** A linear CD table with 2^cdMax entries. */
    long linearCdTable(int cdMax) {
        return mem.alloc((long) Cd.BYTES << cdMax, 64);
    }

    /** A 2-level 64K-leaf CD table's L1 (all L1CDs invalid) for 2^cdMax contexts. */
    long twoLevelCdTable(int cdMax) {
        int l1 = Math.max(1, 1 << (cdMax - L1Cd.SPLIT_64K));
        return mem.alloc((long) l1 * L1Cd.BYTES, 64);
    }

    /** Allocates the 64 KiB leaf for ssid and writes a valid L1CD (no invalidation). */
    long installCdLeaf(long l1Table, int ssid, int split) {
        long leaf = mem.alloc((long) Cd.BYTES << split, 4096);
        mem.write64(l1Table + (long) (ssid >>> split) * L1Cd.BYTES,
                L1Cd.L2PTR.insertAddress(L1Cd.V.maskedValue(1), leaf));
        return leaf;
    }

    // ------------------------------------------------------------------ page tables

    /** A 4-level page-table tree in simulated memory; returns its level-0 table (TTB0). */
    long newPgd() {
        return mem.alloc(4096, 4096);
    }

    static final long USER_RW = Pte.AP_EL0.maskedValue(1) | Pte.AF.maskedValue(1) | Pte.NG.maskedValue(1);
    static final long USER_RO = USER_RW | Pte.AP_RDONLY.maskedValue(1);

    /** Maps one page (level 3) or block (level 1/2) with the given leaf attribute bits. */
    long map(long pgd, long va, long pa, int leafLevel, long attrs) {
        long table = pgd;
        for (int level = 0; level < leafLevel; level++) {
            long slot = table + (long) Pte.index(va, level) * Pte.BYTES;
            long d = mem.read64(slot);
            if (!Pte.VALID.isSet(d)) {
                long next = mem.alloc(4096, 4096);
                d = Pte.OA.insertAddress(Pte.VALID.maskedValue(1) | Pte.TABLE.maskedValue(1), next);
                mem.write64(slot, d);
            }
            table = Pte.OA.extractAddress(d);
        }
        long slot = table + (long) Pte.index(va, leafLevel) * Pte.BYTES;
        long d = Pte.VALID.maskedValue(1) | attrs | Pte.OA.insertAddress(0, pa);
        if (leafLevel == 3) {
            d |= Pte.TABLE.maskedValue(1);
        }
        mem.write64(slot, d);
        return slot;
    }

    long mapPage(long pgd, long va, long pa, long attrs) {
        return map(pgd, va, pa, 3, attrs);
    }

    // ------------------------------------------------------------------ commands

    /** Writes the commands at CMDQ_PROD and moves PROD past them (the SMMU consumes at once). */
    void submit(long[]... cmds) {
        int prod = smmu.readReg32(Regs.CMDQ_PROD);
        int entries = 1 << CMDQ_SHIFT;
        for (long[] c : cmds) {
            int idx = prod & (entries - 1);
            mem.writeWords(cmdqBase + (long) idx * Cmd.BYTES, c);
            prod = (prod + 1) & ((entries << 1) - 1);
        }
        smmu.writeReg32(Regs.CMDQ_PROD, prod);
    }

    static long[] sync() {
        return Cmd.of(Opcode.CMD_SYNC);
    }

    static long[] cfgiSte(int sid, boolean leaf) {
        long[] c = Cmd.of(Opcode.CFGI_STE);
        Cmd.SID.set(c, sid);
        Cmd.LEAF.set(c, leaf);
        return c;
    }

    static long[] cfgiCd(int sid, int ssid, boolean leaf) {
        long[] c = Cmd.of(Opcode.CFGI_CD);
        Cmd.SID.set(c, sid);
        Cmd.SSID.set(c, ssid);
        Cmd.LEAF.set(c, leaf);
        return c;
    }

    static long[] tlbiAsid(int asid) {
        long[] c = Cmd.of(Opcode.TLBI_NH_ASID);
        Cmd.ASID.set(c, asid);
        return c;
    }

    static long[] tlbiVa(int asid, long va) {
        long[] c = Cmd.of(Opcode.TLBI_NH_VA);
        Cmd.ASID.set(c, asid);
        Cmd.LEAF.set(c, 1);
        Cmd.ADDR.setAddress(c, va);
        return c;
    }

    static long[] atcInv(int sid, Integer ssid, long va, int size) {
        long[] c = Cmd.of(Opcode.ATC_INV);
        Cmd.SID.set(c, sid);
        if (ssid != null) {
            Cmd.SSV.set(c, 1);
            Cmd.SSID.set(c, ssid);
        }
        Cmd.ADDR.setAddress(c, va);
        Cmd.SIZE.set(c, size);
        return c;
    }
}
