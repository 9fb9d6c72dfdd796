package org.smmubench.driver;

import java.util.ArrayList;
import java.util.List;

import org.smmubench.hw.PhysMemory;
import org.smmubench.hw.field.Cmd;
import org.smmubench.hw.field.Opcode;
import org.smmubench.hw.field.Regs;
import org.smmubench.kernel.DmaBuffer;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Kernel;

/**
 * The driver's side of the command queue: a ring in DMA memory that the driver fills and the
 * SMMU consumes once CMDQ_PROD moves. Insertion runs with IRQs off (local_irq_save), as the
 * kernel's lock-free cmdq does, so anything sleeping on this path is atomic-sleep.
 */
public class ArmSmmuCmdq {
    /** CMDQ_BATCH_ENTRIES = BITS_PER_LONG. */
    public static final int BATCH_ENTRIES = 64;
    /** log2 of the queue length the model uses (the architecture allows up to IDR1.CMDQS). */
    public static final int LOG2SIZE = 8;

    private final Kernel k;
    private final ArmSmmuDevice smmu;
    private final PhysMemory mem;
    final DmaBuffer base;
    /** Index with wrap bit, as written to CMDQ_PROD. */
    private int prod;

    ArmSmmuCmdq(Kernel k, ArmSmmuDevice smmu, DmaBuffer base) {
        this.k = k;
        this.smmu = smmu;
        this.mem = smmu.mem;
        this.base = base;
    }

    int entries() { return 1 << LOG2SIZE; }

    /** arm_smmu_cmdq_issue_cmd: one command, no sync. */
    public void issueCmd(CmdqEnt ent) {
        issueCmdlist(List.of(ent), false);
    }

    /** arm_smmu_cmdq_issue_cmd_with_sync. */
    public void issueCmdWithSync(CmdqEnt ent) {
        issueCmdlist(List.of(ent), true);
    }

    /**
     * arm_smmu_cmdq_issue_cmdlist: write the commands (and a CMD_SYNC when asked) into the
     * ring with IRQs off, publish PROD, and with a SYNC poll CONS until the SMMU passes it.
     * Protected so a test-only subclass can drop or corrupt commands.
     */
    protected void issueCmdlist(List<CmdqEnt> cmds, boolean sync) {
        try (Frame f = k.enter("arm_smmu_cmdq_issue_cmdlist")) {
            long flags = k.localIrqSave();
            try {
                List<CmdqEnt> all = new ArrayList<>(cmds);
                if (sync) all.add(CmdqEnt.sync());
                for (CmdqEnt e : all) {
                    // Each command is work done without a schedule point: the soft-lockup watchdog counts it.
                    k.cpuWork();
                    if (k.tracing()) k.trace(e.describe());
                    writeSlot(e.build());
                }
                smmu.writeReg32(Regs.CMDQ_PROD, prod);
                if (sync) {
                    // While this CPU spins for its CMD_SYNC, the others go on (and may queue commands).
                    k.schedulePoint("CMD_SYNC wait in arm_smmu_cmdq_issue_cmdlist");
                    pollUntilConsumed();
                }
            } finally {
                k.localIrqRestore(flags);
            }
        }
    }

    private void writeSlot(long[] cmd) {
        int idx = prod & (entries() - 1);
        long slot = base.dma() + (long) idx * Cmd.BYTES;
        mem.write64(slot, cmd[0]);
        mem.write64(slot + 8, cmd[1]);
        prod = (prod + 1) & ((entries() << 1) - 1);
    }

    /**
     * __arm_smmu_cmdq_poll_until_consumed: the model's SMMU consumes synchronously on the PROD
     * write, so CONS is either caught up or stuck on an error, which we then skip as
     * arm_smmu_cmdq_skip_err does (replace the bad command with a CMD_SYNC and acknowledge).
     */
    private void pollUntilConsumed() {
        for (int tries = 0; tries < 4; tries++) {
            int cons = smmu.readReg32(Regs.CMDQ_CONS);
            int err = (int) Regs.QPtr.ERR.extract(Integer.toUnsignedLong(cons));
            int consIdx = (int) Regs.QPtr.indexAndWrap(LOG2SIZE).extract(Integer.toUnsignedLong(cons));
            if (consIdx == prod) return;
            if (err == 0 && consIdx != prod) {
                k.warn("arm_smmu_cmdq_poll_until_consumed: CMD_SYNC timeout (prod " + prod + ", cons " + consIdx + ")");
                return;
            }
            skipErr(consIdx, err);
        }
    }

    /** arm_smmu_cmdq_skip_err: log, overwrite the faulting command with a SYNC, ack GERROR. */
    private void skipErr(int consIdx, int err) {
        try (Frame f = k.enter("arm_smmu_cmdq_skip_err")) {
            int idx = consIdx & (entries() - 1);
            long slot = base.dma() + (long) idx * Cmd.BYTES;
            k.trace("CMDQ error (cons " + Integer.toHexString(consIdx) + "): " + errName(err) + ", skipping command 0x"
                    + Long.toHexString(mem.read64(slot)));
            long[] sync = Cmd.of(Opcode.CMD_SYNC);
            mem.write64(slot, sync[0]);
            mem.write64(slot + 8, sync[1]);
            int gerror = smmu.readReg32(Regs.GERROR);
            smmu.writeReg32(Regs.GERRORN, gerror);
            smmu.writeReg32(Regs.CMDQ_PROD, prod);
        }
    }

    private static String errName(int err) {
        return switch (err) {
            case Regs.QPtr.CERROR_ILL -> "CERROR_ILL";
            case Regs.QPtr.CERROR_ABT -> "CERROR_ABT";
            case Regs.QPtr.CERROR_ATC_INV_SYNC -> "CERROR_ATC_INV_SYNC";
            default -> "CERROR " + err;
        };
    }

    /** struct arm_smmu_cmdq_batch: commands gathered and issued together. */
    public final class Batch {
        private final List<CmdqEnt> cmds = new ArrayList<>();

        /** arm_smmu_cmdq_batch_add: a full batch is issued (without sync) before adding. */
        public void add(CmdqEnt ent) {
            if (cmds.size() == BATCH_ENTRIES) {
                issueCmdlist(cmds, false);
                cmds.clear();
            }
            cmds.add(ent);
        }

        /** arm_smmu_cmdq_batch_submit: issue what is left, with a CMD_SYNC. */
        public void submit() {
            issueCmdlist(cmds, true);
            cmds.clear();
        }
    }

    public Batch batch() { return new Batch(); }
}
