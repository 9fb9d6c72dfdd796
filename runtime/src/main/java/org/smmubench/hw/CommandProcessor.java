package org.smmubench.hw;

import java.util.OptionalInt;
import org.smmubench.hw.ConfigEntry.Kind;
import org.smmubench.hw.field.Cmd;
import org.smmubench.hw.field.L1Cd;
import org.smmubench.hw.field.Opcode;
import org.smmubench.hw.field.Regs.Cr0;
import org.smmubench.hw.field.Regs.Gerror;
import org.smmubench.hw.field.Regs.QPtr;
import org.smmubench.hw.field.Regs.StrtabBaseCfg;
import org.smmubench.hw.field.Ste;

/**
 * Consumes the command queue in order, synchronously, when software moves CMDQ_PROD.
 * Invalidations only mark cache entries; the marked entries go when the next CMD_SYNC
 * completes. A command the implementation does not accept stops the queue with
 * CMDQ_CONS.ERR = CERROR_ILL, CONS on the bad command and GERROR.CMDQ_ERR toggled; the
 * queue runs again on the first CMDQ_PROD write after software acknowledges via GERRORN.
 */
final class CommandProcessor {
    private static final int TLB_WORLD_NSEL1 = Ste.STRW_NSEL1;
    private static final int TLB_WORLD_EL2 = Ste.STRW_EL2;

    private final Smmu smmu;
    private final PhysMemory mem;
    private final ConfigCache configCache;
    private final Tlb tlb;
    private final ConfigFetcher fetcher;
    /**
     * ATCs an ATC_INV marked since the last CMD_SYNC completed: only they can hold pending
     * entries, so a SYNC commits them instead of visiting every endpoint's ATC.
     */
    private final java.util.Set<Atc> atcsMarked = new java.util.LinkedHashSet<>();

    CommandProcessor(Smmu smmu, PhysMemory mem, ConfigCache configCache, Tlb tlb, ConfigFetcher fetcher) {
        this.smmu = smmu;
        this.mem = mem;
        this.configCache = configCache;
        this.tlb = tlb;
        this.fetcher = fetcher;
    }

    void consume() {
        Queue q = smmu.cmdq;
        if (!Cr0.CMDQEN.isSet(smmu.cr0()) || smmu.globalErrorActive(Gerror.CMDQ_ERR)) {
            return;
        }
        while (!q.empty()) {
            long seq = smmu.nextSequence();
            long[] raw;
            try {
                raw = mem.readWords(q.entryAddress(q.cons), Cmd.DWORDS);
            } catch (MemoryFault f) {
                stop(new Command(null, -1, new long[Cmd.DWORDS], q.index(q.cons), QPtr.CERROR_ABT, seq));
                return;
            }
            Opcode op = Command.decodeOpcode(raw);
            int err = op == null ? QPtr.CERROR_ILL : execute(op, raw);
            Command c = new Command(op, (int) Cmd.OPCODE.get(raw), raw, q.index(q.cons), err, seq);
            if (err != QPtr.CERROR_NONE) {
                stop(c);
                return;
            }
            q.cons = q.advance(q.cons);
            smmu.notifyCommand(c);
            if (op == Opcode.CMD_SYNC) {
                completeSync();
                smmu.notifySync(c);
            }
        }
    }

    private void stop(Command c) {
        Queue q = smmu.cmdq;
        q.cons = (int) QPtr.ERR.insert(q.cons & 0xffff_ffffL, c.error());
        smmu.raiseGlobalError(Gerror.CMDQ_ERR);
        smmu.notifyCommand(c);
    }

    /** Executes one command; returns a CERROR code. */
    private int execute(Opcode op, long[] c) {
        HwConfig cfg = smmu.config();
        int sid = (int) Cmd.SID.get(c);
        switch (op) {
            case PREFETCH_CONFIG -> {
                if (Cmd.SSEC.isSet(c)) {
                    return QPtr.CERROR_ILL;
                }
                prefetch(sid, Cmd.SSV.isSet(c) ? OptionalInt.of((int) Cmd.SSID.get(c)) : OptionalInt.empty());
            }
            case PREFETCH_ADDR -> {
                // A hint; this model does not prefetch translations.
            }
            case CFGI_STE -> {
                if (Cmd.SSEC.isSet(c)) {
                    return QPtr.CERROR_ILL;
                }
                configCache.invalidateSte(sid);
                // The STE's CD-derived configuration goes with it: the STE may now point elsewhere.
                configCache.invalidateCdAll(sid);
                if (!Cmd.LEAF.isSet(c)) {
                    l1StdIndex(sid).ifPresent(configCache::invalidateL1Std);
                }
            }
            case CFGI_STE_RANGE, CFGI_ALL -> {
                if (Cmd.SSEC.isSet(c)) {
                    return QPtr.CERROR_ILL;
                }
                int range = (int) Cmd.RANGE.get(c);
                if (range == Opcode.CFGI_ALL_RANGE) {
                    configCache.invalidateAll();
                } else {
                    long span = 1L << (range + 1);
                    long first = Integer.toUnsignedLong(sid) & ~(span - 1);
                    configCache.markPending(e -> e.kind() != Kind.L1STD
                            && Long.compareUnsigned(Integer.toUnsignedLong(e.sid()) - first, span) < 0);
                    OptionalInt split = strtabSplit();
                    if (split.isPresent()) {
                        long l1First = first >>> split.getAsInt();
                        long l1Last = (first + span - 1) >>> split.getAsInt();
                        configCache.markPending(e -> e.kind() == Kind.L1STD && e.index() >= l1First && e.index() <= l1Last);
                    }
                }
            }
            case CFGI_CD -> {
                if (Cmd.SSEC.isSet(c)) {
                    return QPtr.CERROR_ILL;
                }
                long ssid = Cmd.SSID.get(c);
                configCache.invalidateCd(sid, ssid);
                if (!Cmd.LEAF.isSet(c)) {
                    long l1Index = ssid >>> cdSplit(sid);
                    configCache.invalidateL1Cd(sid, l1Index);
                }
            }
            case CFGI_CD_ALL -> {
                if (Cmd.SSEC.isSet(c)) {
                    return QPtr.CERROR_ILL;
                }
                configCache.invalidateCdAll(sid);
            }
            case TLBI_NH_ALL -> {
                int vmid = (int) Cmd.VMID.get(c);
                tlb.markPending(e -> e.world() == TLB_WORLD_NSEL1 && e.vmid() == vmid);
            }
            case TLBI_NH_ASID -> {
                int vmid = (int) Cmd.VMID.get(c);
                int asid = (int) Cmd.ASID.get(c);
                tlb.markPending(e -> e.world() == TLB_WORLD_NSEL1 && e.vmid() == vmid && !e.global() && e.asid() == asid);
            }
            case TLBI_NH_VA, TLBI_NH_VAA -> {
                if (emptyRangeHint(c)) {
                    return QPtr.CERROR_ILL;
                }
                int vmid = (int) Cmd.VMID.get(c);
                int asid = (int) Cmd.ASID.get(c);
                boolean allAsids = op == Opcode.TLBI_NH_VAA;
                long[] r = vaRange(c);
                tlb.markPending(e -> e.world() == TLB_WORLD_NSEL1 && e.vmid() == vmid
                        && (allAsids || e.global() || e.asid() == asid) && e.overlaps(r[0], r[1]));
            }
            case TLBI_NSNH_ALL -> tlb.markPending(e -> e.world() == TLB_WORLD_NSEL1);
            case TLBI_EL2_ALL -> {
                if (!cfg.hyp()) {
                    return QPtr.CERROR_ILL;
                }
                tlb.markPending(e -> e.world() == TLB_WORLD_EL2);
            }
            case TLBI_EL2_ASID -> {
                if (!cfg.hyp()) {
                    return QPtr.CERROR_ILL;
                }
                int asid = (int) Cmd.ASID.get(c);
                tlb.markPending(e -> e.world() == TLB_WORLD_EL2 && !e.global() && e.asid() == asid);
            }
            case TLBI_EL2_VA, TLBI_EL2_VAA -> {
                if (!cfg.hyp() || emptyRangeHint(c)) {
                    return QPtr.CERROR_ILL;
                }
                int asid = (int) Cmd.ASID.get(c);
                boolean allAsids = op == Opcode.TLBI_EL2_VAA;
                long[] r = vaRange(c);
                tlb.markPending(e -> e.world() == TLB_WORLD_EL2 && (allAsids || e.global() || e.asid() == asid)
                        && e.overlaps(r[0], r[1]));
            }
            case ATC_INV -> {
                if (!cfg.ats()) {
                    return QPtr.CERROR_ILL;
                }
                int size = (int) Cmd.SIZE.get(c);
                long bytes = size >= Cmd.ATC_INV_SIZE_ALL ? 0 : AtcEntry.PAGE << size; // 0: everything
                long start = bytes == 0 ? 0 : Cmd.ADDR.getAddress(c) & ~(bytes - 1);
                Atc atc = smmu.atcFor(sid);
                atc.markPending(Cmd.SSV.isSet(c), (int) Cmd.SSID.get(c), start, bytes);
                atcsMarked.add(atc);
            }
            case CMD_SYNC -> {
                int cs = (int) Cmd.CS.get(c);
                if (cs == 3) {
                    return QPtr.CERROR_ILL;
                }
                if (cs == Cmd.SYNC_CS_IRQ) {
                    // MSI completion: a 32-bit write of MSIData to MSIAddr (Linux points it at the
                    // SYNC's own queue slot and polls for the write).
                    try {
                        mem.write32(Cmd.MSIADDR.getAddress(c), (int) Cmd.MSIDATA.get(c));
                    } catch (MemoryFault f) {
                        smmu.raiseGlobalError(Gerror.MSI_CMDQ_ABT_ERR);
                    }
                }
            }
            case RESUME, STALL_TERM -> {
                if (!cfg.stall()) {
                    return QPtr.CERROR_ILL;
                }
                // Nothing is ever stalled in this model (faults terminate), so nothing to resume.
            }
            default -> {
                // PRI_RESP (no PRI), EL3/secure TLBIs, stage-2 TLBIs (no stage 2): not implemented.
                return QPtr.CERROR_ILL;
            }
        }
        return QPtr.CERROR_NONE;
    }

    private void completeSync() {
        configCache.commitPending();
        tlb.commitPending();
        atcsMarked.forEach(Atc::commitPending);
        atcsMarked.clear();
    }

    private void prefetch(int sid, OptionalInt ssid) {
        ConfigFetcher.SteFound sf = fetcher.ste(sid, true);
        SteView ste = sf.ste();
        if (!ste.usable() || !ste.isS1()) {
            return;
        }
        if (Substream.select(ste, ssid) instanceof Substream.UseCd u) {
            fetcher.cd(ste, ssid.orElse(0), u.cdIndex(), true);
        }
    }

    /** {start, bytes} of a TLBI by VA: the RIL range form when implemented and used, else one address. */
    /**
     * A range TLBI (RIL, TG != 0) with TTL, NUM and SCALE all 0. Which of ILLEGAL or CONSTRAINED
     * UNPREDICTABLE IHI0070 makes this could not be checked here (the spec text was not
     * available); the kernel's eb6c97647be2 calls it "an invalid command" and was reported from
     * real hardware. The model takes the strict reading: the command is ILLEGAL, so the SMMU
     * stops at it with CERROR_ILL and does not invalidate. A second opinion that differs:
     * QEMU's smmuv3_range_inval does not check the combination and invalidates
     * (NUM + 1) << SCALE = one page, so on QEMU the unfixed driver works.
     */
    private boolean emptyRangeHint(long[] c) {
        return smmu.config().rangeInv() && Cmd.TG.get(c) != 0
                && Cmd.TTL.get(c) == 0 && Cmd.NUM.get(c) == 0 && Cmd.SCALE.get(c) == 0;
    }

    private long[] vaRange(long[] c) {
        long addr = Cmd.ADDR.getAddress(c);
        long tg = Cmd.TG.get(c);
        if (smmu.config().rangeInv() && tg != 0) {
            int granuleShift = tg == 1 ? 12 : tg == 2 ? 14 : 16;
            long bytes = (Cmd.NUM.get(c) + 1) << (Cmd.SCALE.get(c) + granuleShift);
            return new long[] {addr, bytes};
        }
        return new long[] {addr, 1};
    }

    private OptionalInt strtabSplit() {
        long baseCfg = smmu.strtabBaseCfg() & 0xffff_ffffL;
        if (StrtabBaseCfg.FMT.extract(baseCfg) != StrtabBaseCfg.FMT_2LVL) {
            return OptionalInt.empty();
        }
        int split = (int) StrtabBaseCfg.SPLIT.extract(baseCfg);
        return OptionalInt.of(split == 6 || split == 10 ? split : StrtabBaseCfg.SPLIT_LINUX);
    }

    private java.util.OptionalLong l1StdIndex(int sid) {
        OptionalInt split = strtabSplit();
        return split.isPresent() ? java.util.OptionalLong.of(Integer.toUnsignedLong(sid) >>> split.getAsInt())
                : java.util.OptionalLong.empty();
    }

    /** The CD-table split the SMMU would use for this SID: from its cached STE, else memory. */
    private int cdSplit(int sid) {
        long[] ste = configCache.lookup(Kind.STE, sid, sid).map(ConfigEntry::dwords)
                .orElseGet(() -> fetcher.ste(sid, false).ste().dwords());
        if (ste != null && Ste.S1FMT.get(ste) == Ste.S1FMT_4K_L2) {
            return L1Cd.SPLIT_4K;
        }
        return L1Cd.SPLIT_64K;
    }
}
