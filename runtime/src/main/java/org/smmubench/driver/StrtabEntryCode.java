package org.smmubench.driver;

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
