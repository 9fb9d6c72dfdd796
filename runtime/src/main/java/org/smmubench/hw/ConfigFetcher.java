package org.smmubench.hw;

import java.util.Optional;
import org.smmubench.hw.ConfigEntry.Kind;
import org.smmubench.hw.field.Cd;
import org.smmubench.hw.field.EventType;
import org.smmubench.hw.field.L1Cd;
import org.smmubench.hw.field.L1Std;
import org.smmubench.hw.field.Regs.StrtabBase;
import org.smmubench.hw.field.Regs.StrtabBaseCfg;
import org.smmubench.hw.field.Ste;

/**
 * Finds the STE for a SID and the CD for (SID, CD index), through the configuration cache
 * when asked to (translation, prefetch) or straight from memory (decoders for invariants).
 * Fetches fill the cache; invalid STEs and L1CDs are cached too (negative caching), but an
 * L1STD with Span=0 is not, because Linux never invalidates after installing one.
 */
final class ConfigFetcher {
    record SteFound(SteView ste, boolean fromCache, ConfigEntry entry) {
    }

    record CdFound(CdView cd, boolean fromCache, ConfigEntry entry) {
    }

    private final Smmu smmu;
    private final PhysMemory mem;
    private final ConfigCache cache;

    ConfigFetcher(Smmu smmu, PhysMemory mem, ConfigCache cache) {
        this.smmu = smmu;
        this.mem = mem;
        this.cache = cache;
    }

    SteFound ste(int sid, boolean useCache) {
        HwConfig cfg = smmu.config();
        long baseCfg = smmu.strtabBaseCfg() & 0xffff_ffffL;
        int log2 = (int) Math.min(StrtabBaseCfg.LOG2SIZE.extract(baseCfg), cfg.sidBits());
        if (sid < 0 || (log2 < 32 && Integer.toUnsignedLong(sid) >= 1L << log2)) {
            return new SteFound(new SteView(sid, -1, null, EventType.C_BAD_STREAMID,
                    "SID beyond STRTAB_BASE_CFG.LOG2SIZE/SIDSIZE"), false, null);
        }
        if (useCache) {
            Optional<ConfigEntry> hit = cache.lookup(Kind.STE, sid, sid);
            if (hit.isPresent()) {
                ConfigEntry e = hit.get();
                return new SteFound(steView(sid, e.address(), e.dwords()), true, e);
            }
        }
        long base = StrtabBase.ADDR.extractAddress(smmu.strtabBase());
        long steAddr;
        long fmt = StrtabBaseCfg.FMT.extract(baseCfg);
        if (fmt == StrtabBaseCfg.FMT_LINEAR) {
            steAddr = base + (long) sid * Ste.BYTES;
        } else if (fmt == StrtabBaseCfg.FMT_2LVL && cfg.twoLevelStrtab()) {
            int split = (int) StrtabBaseCfg.SPLIT.extract(baseCfg);
            if (split != 6 && split != 8 && split != 10) {
                split = StrtabBaseCfg.SPLIT_LINUX; // reserved values: behave as the common one
            }
            long l1Index = Integer.toUnsignedLong(sid) >>> split;
            long l1Addr = base + l1Index * L1Std.BYTES;
            long l1std;
            Optional<ConfigEntry> l1hit = useCache ? cache.lookup(Kind.L1STD, -1, l1Index) : Optional.empty();
            if (l1hit.isPresent()) {
                l1std = l1hit.get().dwords()[0];
            } else {
                try {
                    l1std = mem.read64(l1Addr);
                } catch (MemoryFault f) {
                    return new SteFound(new SteView(sid, l1Addr, null, EventType.F_STE_FETCH, "L1STD fetch: " + f.getMessage()), false, null);
                }
                if (useCache && L1Std.SPAN.extract(l1std) != 0) {
                    cache.fill(Kind.L1STD, -1, l1Index, l1Addr, new long[] {l1std}, smmu.sequence(), false);
                }
            }
            long span = L1Std.SPAN.extract(l1std);
            long l2Index = sid & ((1L << split) - 1);
            if (span == 0) {
                return new SteFound(new SteView(sid, l1Addr, null, EventType.C_BAD_STREAMID, "L1STD Span=0"), false, null);
            }
            if (span > split + 1 || l2Index >= L1Std.steCount(span)) {
                return new SteFound(new SteView(sid, l1Addr, null, EventType.C_BAD_STREAMID,
                        "SID beyond the L1STD's Span=" + span), false, null);
            }
            steAddr = L1Std.L2PTR.extractAddress(l1std) + l2Index * Ste.BYTES;
        } else {
            return new SteFound(new SteView(sid, -1, null, EventType.C_BAD_STREAMID,
                    "STRTAB_BASE_CFG.FMT=" + fmt + " not supported"), false, null);
        }
        long[] dwords;
        try {
            dwords = mem.readWords(steAddr, Ste.DWORDS);
        } catch (MemoryFault f) {
            return new SteFound(new SteView(sid, steAddr, null, EventType.F_STE_FETCH, "STE fetch: " + f.getMessage()), false, null);
        }
        ConfigEntry entry = useCache ? cache.fill(Kind.STE, sid, sid, steAddr, dwords, smmu.sequence(), false) : null;
        return new SteFound(steView(sid, steAddr, dwords), false, entry);
    }

    private SteView steView(int sid, long addr, long[] dwords) {
        String problem = Checks.steProblem(dwords, smmu.config());
        return new SteView(sid, addr, dwords, problem == null ? null : EventType.C_BAD_STE, problem);
    }

    /**
     * The CD at {@code cdIndex} of a usable stage-1 STE. The caller has applied the substream
     * rules; {@code cdIndex} is within 2^S1CDMax.
     */
    CdFound cd(SteView ste, int ssidForView, int cdIndex, boolean useCache) {
        int sid = ste.sid();
        boolean single = ste.s1CdMax() == 0;
        if (useCache) {
            Optional<ConfigEntry> hit = cache.lookup(Kind.CD, sid, cdIndex);
            if (hit.isPresent()) {
                ConfigEntry e = hit.get();
                return new CdFound(cdView(sid, ssidForView, e.address(), e.dwords()), true, e);
            }
        }
        long ptr = ste.s1ContextPtr();
        long cdAddr;
        if (single || ste.s1Fmt() == Ste.S1FMT_LINEAR) {
            cdAddr = ptr + (long) cdIndex * Cd.BYTES;
        } else {
            int split = ste.s1Fmt() == Ste.S1FMT_64K_L2 ? L1Cd.SPLIT_64K : L1Cd.SPLIT_4K;
            long l1Index = Integer.toUnsignedLong(cdIndex) >>> split;
            long l1Addr = ptr + l1Index * L1Cd.BYTES;
            long l1cd;
            Optional<ConfigEntry> l1hit = useCache ? cache.lookup(Kind.L1CD, sid, l1Index) : Optional.empty();
            if (l1hit.isPresent()) {
                l1cd = l1hit.get().dwords()[0];
            } else {
                try {
                    l1cd = mem.read64(l1Addr);
                } catch (MemoryFault f) {
                    return new CdFound(new CdView(sid, ssidForView, l1Addr, null, EventType.F_CD_FETCH,
                            "L1CD fetch: " + f.getMessage()), false, null);
                }
                if (useCache) {
                    cache.fill(Kind.L1CD, sid, l1Index, l1Addr, new long[] {l1cd}, smmu.sequence(), false);
                }
            }
            if (!L1Cd.V.isSet(l1cd)) {
                return new CdFound(new CdView(sid, ssidForView, l1Addr, null, EventType.C_BAD_SUBSTREAMID,
                        "L1CD V=0"), l1hit.isPresent(), null);
            }
            cdAddr = L1Cd.L2PTR.extractAddress(l1cd) + (cdIndex & ((1L << split) - 1)) * Cd.BYTES;
        }
        long[] dwords;
        try {
            dwords = mem.readWords(cdAddr, Cd.DWORDS);
        } catch (MemoryFault f) {
            return new CdFound(new CdView(sid, ssidForView, cdAddr, null, EventType.F_CD_FETCH, "CD fetch: " + f.getMessage()),
                    false, null);
        }
        ConfigEntry entry = useCache ? cache.fill(Kind.CD, sid, cdIndex, cdAddr, dwords, smmu.sequence(), single) : null;
        return new CdFound(cdView(sid, ssidForView, cdAddr, dwords), false, entry);
    }

    private CdView cdView(int sid, int ssid, long addr, long[] dwords) {
        String problem = Checks.cdProblem(dwords, smmu.config());
        return new CdView(sid, ssid, addr, dwords, problem == null ? null : EventType.C_BAD_CD, problem);
    }
}
