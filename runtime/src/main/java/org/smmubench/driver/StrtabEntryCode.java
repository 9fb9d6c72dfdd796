package org.smmubench.driver;

import org.smmubench.hw.PhysMemory;
import org.smmubench.hw.field.Ste;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Kernel;

/**
 * arm_smmu_write_ste (6.9+): installs a target STE made by {@link SteMake} through the entry
 * writer, each sync a leaf CFGI_STE plus CMD_SYNC, then a PREFETCH_CFG hint. Replaces 6.8's
 * arm_smmu_write_strtab_ent, which could only go through abort or bypass.
 */
public final class StrtabEntryCode {
    private final Kernel k;
    private final EntryGeneration gen;
    private final EntryWriter writer;

    public StrtabEntryCode(Kernel k, EntryGeneration gen) {
        this.k = k;
        this.gen = gen;
        this.writer = new EntryWriter(k, gen);
    }

    /**
     * arm_smmu_init_initial_stes (6.9+): fills a stream table, or a new L2 table before its L1
     * descriptor is published, with abort STEs made by arm_smmu_make_abort_ste. No sync: the
     * SMMU cannot reach these STEs yet. Unlike 6.8's bypass/abort init, qword 1 stays 0 (no
     * SHCFG).
     */
    public static void initInitialStes(PhysMemory mem, long base, int nent) {
        long[] abort = new long[Ste.DWORDS];
        SteMake.makeAbortSte(abort);
        for (int i = 0; i < nent; i++) mem.writeWords(base + (long) i * Ste.BYTES, abort);
    }

    /** arm_smmu_write_ste. */
    public void writeSte(ArmSmmuMaster master, int sid, long ste, long[] target) {
        try (Frame f = k.enter("arm_smmu_write_ste")) {
            ArmSmmuDevice smmu = master.smmu;
            EntryWriter.Ops ops = new EntryWriter.Ops() {
                @Override
                public void getUsed(long[] entry, long[] used) {
                    gen.steUsed.get(entry, used);
                }

                @Override
                public boolean hasUpdateSafe() {
                    return gen.steUpdateSafe;
                }

                @Override
                public void getUpdateSafe(long[] cur, long[] target, long[] safe) {
                    org.smmubench.hw.field.SteUsed.updateSafe(cur, target, safe);
                }

                @Override
                public void sync() {
                    // arm_smmu_ste_writer_sync_entry
                    try (Frame g = k.enter("arm_smmu_ste_writer_sync_entry")) {
                        smmu.cmdq.issueCmdWithSync(CmdqEnt.cfgiSte(sid, true));
                    }
                }
            };
            writer.writeEntry(ops, EntryWriter.Entry.at(smmu.mem, ste), target);
            // ARM_SMMU_OPT_SKIP_PREFETCH is not modelled: the hint is always sent, as in 6.8.
            smmu.cmdq.issueCmd(CmdqEnt.prefetchCfg(sid));
        }
    }
}
