package org.smmubench.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.smmubench.hw.CdView;
import org.smmubench.hw.HwConfig;
import org.smmubench.hw.PhysMemory;
import org.smmubench.hw.Smmu;
import org.smmubench.hw.SteView;
import org.smmubench.hw.field.Cd;
import org.smmubench.hw.field.CdUsed;
import org.smmubench.hw.field.Regs;
import org.smmubench.hw.field.Regs.StrtabBase;
import org.smmubench.hw.field.Regs.StrtabBaseCfg;
import org.smmubench.hw.field.Ste;
import org.smmubench.hw.field.SteUsed;
import org.smmubench.kernel.Kernel;
import org.smmubench.kernel.Violation;

/**
 * The harness of arm-smmu-v3-test.c (KUnit, 56e1a4cc2588 and later) in Java, for one entry
 * generation: the same fixtures, a writer whose sync op records, and the same end checks
 * (hitless or not, number of syncs, byte-exact final entry). At every sync it checks, as the
 * KUnit does, that the entry equals the initial or the target entry on the bits the entry now
 * uses.
 *
 * <p>One step further than KUnit: the writer stores into simulated memory, and at every sync
 * the hardware model fetches and decodes the entry (the STE at SID 0, or the CD a no-SSID
 * transaction on SID 1 uses) and must find the initial or the target configuration. V=0 is
 * accepted only in a case that expects a breaking update. This oracle does not use the
 * driver's used bits.
 */
class ArmSmmuV3KunitHarness {
    static final int NUM_ENTRY_QWORDS = 8;
    /** smmu.features in the KUnit file. */
    static final Set<Feature> SMMU_FEATURES = EnumSet.of(Feature.STALLS, Feature.ATTR_TYPES_OVR);
    /** fake_cdtab_dma_addr. */
    static final long FAKE_CDTAB_DMA_ADDR = 0xF0F0F0F0F0F0L;
    /** sva_mm.pgd; the bench has no linear map, so virt_to_phys is taken as the identity. */
    static final long SVA_MM_PGD = 0xdaedbeefdeadbeefL;
    /**
     * The CPU registers make_sva_cd reads; KUnit takes them from the CPU it runs on, the bench
     * picks a 48-bit VA, 48-bit PA, 4K-page CPU (its own choice, not a kernel fixture).
     */
    static final CdMake.CpuMmu CPU = new CdMake.CpuMmu(5, 48, 4096, 0x000000ff_440c0400L);

    /** ARM_SMMU_MASTER_TEST_ATS / _STALL. */
    static final int TEST_ATS = 1;
    static final int TEST_STALL = 2;

    private static final int STE_SID = 0;
    private static final int CD_SID = 1;

    final EntryGeneration gen;
    /** The STE get_used op: the generation's, unless a test swaps in a broken one. */
    private final java.util.function.BiConsumer<long[], long[]> steUsed;
    final long[] bypassSte = new long[NUM_ENTRY_QWORDS];
    final long[] abortSte = new long[NUM_ENTRY_QWORDS];

    ArmSmmuV3KunitHarness(EntryGeneration gen) {
        this(gen, gen.steUsed::get);
    }

    ArmSmmuV3KunitHarness(EntryGeneration gen, java.util.function.BiConsumer<long[], long[]> steUsed) {
        this.gen = gen;
        this.steUsed = steUsed;
        // arm_smmu_v3_test_suite_init
        SteMake.makeBypassSte(SMMU_FEATURES, bypassSte);
        SteMake.makeAbortSte(abortSte);
    }

    // ------------------------------------------------------------------ fixtures

    static EntryMaster master(int feat, long cdtabDma) {
        return new EntryMaster(SMMU_FEATURES, (feat & TEST_ATS) != 0, (feat & TEST_STALL) != 0, cdtabDma, 0xFF,
                Ste.S1FMT_64K_L2);
    }

    /** arm_smmu_test_make_cdtable_ste (6.11+ shape: s1dss, dma address and master features). */
    long[] cdtableSte(int s1dss, long dmaAddr, int feat) {
        long[] ste = new long[NUM_ENTRY_QWORDS];
        SteMake.makeCdtableSte(gen, ste, master(feat, dmaAddr), (feat & TEST_ATS) != 0, s1dss);
        return ste;
    }

    /** arm_smmu_test_make_s2_ste. */
    long[] s2Ste(int feat) {
        long[] ste = new long[NUM_ENTRY_QWORDS];
        // The KUnit domain is zeroed apart from the io-pgtable: VMID 0, no quirks.
        var domain = new SteMake.S2Domain(0, 0xdaedbeefdeadbeefL, 1, 2, 3, 1, 2, 3, 4, false);
        SteMake.makeS2DomainSte(gen, ste, master(feat, 0), domain, (feat & TEST_ATS) != 0);
        return ste;
    }

    /** arm_smmu_test_make_s1_cd. */
    long[] s1Cd(int asid) {
        long[] cd = new long[NUM_ENTRY_QWORDS];
        var domain = new CdMake.S1Domain(asid, 0xdaedbeefdeadbeefL, 1, 2, 3, 1, 2, 4, 0xabcdef012345678L, false);
        CdMake.makeS1Cd(gen, cd, master(0, 0), domain);
        return cd;
    }

    /** arm_smmu_test_make_sva_cd. */
    long[] svaCd(int asid) {
        long[] cd = new long[NUM_ENTRY_QWORDS];
        CdMake.makeSvaCd(cd, master(0, 0), SVA_MM_PGD, CPU, asid);
        return cd;
    }

    /** arm_smmu_test_make_sva_release_cd. */
    long[] svaReleaseCd(int asid) {
        long[] cd = new long[NUM_ENTRY_QWORDS];
        CdMake.makeSvaCd(cd, master(0, 0), null, CPU, asid);
        return cd;
    }

    // ------------------------------------------------------------------ transitions

    void steExpectHitlessTransition(long[] cur, long[] target, int numSyncsExpected) {
        transition(false, cur, target, numSyncsExpected, true);
    }

    void steExpectNonHitlessTransition(long[] cur, long[] target, int numSyncsExpected) {
        transition(false, cur, target, numSyncsExpected, false);
    }

    void cdExpectHitlessTransition(long[] cur, long[] target, int numSyncsExpected) {
        transition(true, cur, target, numSyncsExpected, true);
    }

    void cdExpectNonHitlessTransition(long[] cur, long[] target, int numSyncsExpected) {
        transition(true, cur, target, numSyncsExpected, false);
    }

    /** arm_smmu_v3_test_ste_expect_transition / _cd_: one write, checked at every sync and at the end. */
    private void transition(boolean cd, long[] cur, long[] target, int numSyncsExpected, boolean hitless) {
        Rig rig = new Rig();
        long addr = cd ? rig.cdAddr : rig.steAddr;
        rig.mem.writeWords(addr, cur);
        String initHw = rig.decode(cd);
        String targetHw = decodeAlone(cd, target);
        List<String> failures = new ArrayList<>();
        int[] numSyncs = {0};
        boolean[] invalidEntryWritten = {false};
        EntryWriter.Entry entry = EntryWriter.Entry.at(rig.mem, addr);
        EntryWriter.Ops ops = new EntryWriter.Ops() {
            @Override
            public void getUsed(long[] e, long[] used) {
                used(cd, e, used);
            }

            @Override
            public boolean hasUpdateSafe() {
                return !cd && gen.steUpdateSafe;
            }

            @Override
            public void getUpdateSafe(long[] c, long[] t, long[] safe) {
                SteUsed.updateSafe(c, t, safe);
            }

            @Override
            public void sync() {
                // arm_smmu_test_writer_record_syncs
                numSyncs[0]++;
                long[] now = entry.snapshot();
                if (now[0] == 0) {
                    invalidEntryWritten[0] = true;
                } else {
                    long[] used = new long[NUM_ENTRY_QWORDS];
                    used(cd, now, used);
                    if (differsInUsedBits(now, used, cur) && differsInUsedBits(now, used, target)) {
                        failures.add("sync " + numSyncs[0] + ": entry " + hex(now)
                                + " equals neither the initial nor the target entry on its used bits " + hex(used));
                    }
                }
                // The bench's own check: what the SMMU model decodes from memory right now.
                String hw = rig.decode(cd);
                boolean known = hw.equals(initHw) || hw.equals(targetHw);
                boolean allowedBreak = !hitless && rig.decodesInvalid(cd);
                if (!known && !allowedBreak) {
                    failures.add("sync " + numSyncs[0] + ": the SMMU model decodes [" + hw + "], expected the initial ["
                            + initHw + "] or the target [" + targetHw + "]"
                            + (rig.decodesInvalid(cd) ? " (V=0 in a hitless case)" : ""));
                }
            }
        };
        new EntryWriter(rig.k, gen).writeEntry(ops, entry, target);

        assertTrue(rig.warnings.isEmpty(), "kernel warnings: " + rig.warnings);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(!hitless, invalidEntryWritten[0], "invalid_entry_written");
        assertEquals(numSyncsExpected, numSyncs[0], "num_syncs");
        assertArrayEquals(target, entry.snapshot(), "final entry (KUNIT_EXPECT_MEMEQ)");
        assertEquals(targetHw, rig.decode(cd), "the SMMU model's decode of the final entry");
    }

    private void used(boolean cd, long[] e, long[] used) {
        if (cd) CdUsed.get(e, used);
        else steUsed.accept(e, used);
    }

    /** arm_smmu_entry_differs_in_used_bits (note: the masked entry is compared with the whole target). */
    static boolean differsInUsedBits(long[] entry, long[] usedBits, long[] target) {
        boolean differs = false;
        for (int i = 0; i < NUM_ENTRY_QWORDS; i++) {
            if ((entry[i] & usedBits[i]) != target[i]) differs = true;
        }
        return differs;
    }

    private String decodeAlone(boolean cd, long[] entry) {
        Rig r = new Rig();
        r.mem.writeWords(cd ? r.cdAddr : r.steAddr, entry);
        return r.decode(cd);
    }

    static String hex(long[] a) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) b.append(i == 0 ? "" : " ").append(HexFormat.of().toHexDigits(a[i]));
        return b.append(']').toString();
    }

    /**
     * An SMMU model with a linear stream table: SID 0 holds the STE under test; SID 1 is a
     * single-CD stage-1 STE whose CD is the one under test (so a transaction without SSID uses it).
     */
    private static final class Rig {
        final PhysMemory mem = new PhysMemory();
        final Kernel k = new Kernel(mem);
        final List<Violation> warnings = new ArrayList<>();
        final Smmu smmu;
        final long steAddr;
        final long cdAddr;

        Rig() {
            k.setViolationSink(warnings::add);
            // KUnit's SMMU can stall and override attributes; the model needs ATS for EATS to matter.
            HwConfig cfg = new HwConfig(false, true, 20, 2, true, true, true, false, false, true, 48);
            smmu = new Smmu(cfg, mem);
            long strtab = mem.alloc((long) Ste.BYTES << cfg.sidBits(), (long) Ste.BYTES << cfg.sidBits());
            smmu.writeReg32(Regs.STRTAB_BASE_CFG, (int) (StrtabBaseCfg.FMT.maskedValue(StrtabBaseCfg.FMT_LINEAR)
                    | StrtabBaseCfg.LOG2SIZE.maskedValue(cfg.sidBits())));
            smmu.writeReg64(Regs.STRTAB_BASE, StrtabBase.ADDR.insertAddress(0, strtab));
            steAddr = strtab + (long) STE_SID * Ste.BYTES;
            cdAddr = mem.alloc(Cd.BYTES, 64);
            long[] cdSte = new long[Ste.DWORDS];
            Ste.V.set(cdSte, 1);
            Ste.CONFIG.set(cdSte, Ste.CONFIG_S1_TRANS);
            Ste.S1_CONTEXT_PTR.setAddress(cdSte, cdAddr);
            mem.writeWords(strtab + (long) CD_SID * Ste.BYTES, cdSte);
        }

        String decode(boolean cd) {
            if (cd) return smmu.readCdFromMemory(CD_SID, -1).configuration();
            return smmu.readSteFromMemory(STE_SID).configuration();
        }

        boolean decodesInvalid(boolean cd) {
            if (cd) {
                CdView v = smmu.readCdFromMemory(CD_SID, -1);
                return v.reachable() && !v.valid();
            }
            SteView v = smmu.readSteFromMemory(STE_SID);
            return v.reachable() && !v.valid();
        }
    }
}
