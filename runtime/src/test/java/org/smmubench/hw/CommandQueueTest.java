package org.smmubench.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smmubench.hw.field.Cmd;
import org.smmubench.hw.field.Opcode;
import org.smmubench.hw.field.Regs;
import org.smmubench.hw.field.Regs.Gerror;
import org.smmubench.hw.field.Regs.QPtr;

class CommandQueueTest {

    private static int cons(HwRig r) {
        return r.smmu.readReg32(Regs.CMDQ_CONS);
    }

    private static void assertIllegalAndStuck(HwRig r, long[] bad) {
        r.submit(HwRig.sync(), bad, HwRig.sync());
        int c = cons(r);
        assertEquals(1, c & 0xff, "CONS stays on the bad command");
        assertEquals(QPtr.CERROR_ILL, QPtr.ERR.extract(c));
        int gerror = r.smmu.readReg32(Regs.GERROR);
        int gerrorn = r.smmu.readReg32(Regs.GERRORN);
        assertEquals(1, Gerror.CMDQ_ERR.extract(gerror ^ gerrorn), "GERROR.CMDQ_ERR toggled");
    }

    @Test
    void illegalOpcodeStopsTheQueueWithCerrorIll() {
        HwRig r = new HwRig();
        long[] bad = new long[2];
        Cmd.OPCODE.set(bad, 0x7F);
        assertIllegalAndStuck(r, bad);
        assertEquals(1, r.smmu.syncCount());
    }

    @Test
    void queueResumesAfterGerrornAcknowledgesAndProdMoves() {
        HwRig r = new HwRig();
        long[] bad = new long[2];
        Cmd.OPCODE.set(bad, 0x7F);
        assertIllegalAndStuck(r, bad);
        // Further PROD writes do nothing while the error is active.
        r.submit(HwRig.sync());
        assertEquals(1, cons(r) & 0xff);
        // Software replaces the bad command by a CMD_SYNC (as Linux does), then acknowledges.
        r.mem.writeWords(r.cmdqBase + Cmd.BYTES, HwRig.sync());
        r.smmu.writeReg32(Regs.GERRORN, r.smmu.readReg32(Regs.GERROR));
        assertEquals(0, r.smmu.activeGlobalErrors());
        r.smmu.writeReg32(Regs.CMDQ_PROD, r.smmu.readReg32(Regs.CMDQ_PROD));
        assertEquals(4, cons(r) & 0xff);
        assertEquals(4, r.smmu.syncCount());
    }

    @Test
    void atcInvWithoutAtsIsIllegal() {
        assertIllegalAndStuck(new HwRig(), HwRig.atcInv(1, null, 0, 52));
    }

    @Test
    void tlbiEl2WithoutHypIsIllegal() {
        assertIllegalAndStuck(new HwRig(), Cmd.of(Opcode.TLBI_EL2_ALL));
        assertIllegalAndStuck(new HwRig(), Cmd.of(Opcode.TLBI_EL2_ASID));
    }

    @Test
    void tlbiEl2IsAcceptedWithHyp() {
        HwRig r = new HwRig(HwConfig.defaults().withHyp(true));
        r.submit(Cmd.of(Opcode.TLBI_EL2_ALL), Cmd.of(Opcode.TLBI_EL2_ASID), HwRig.sync());
        assertEquals(3, cons(r));
        assertEquals(0, r.smmu.activeGlobalErrors());
    }

    @Test
    void reservedSyncCompletionSignalIsIllegal() {
        long[] s = HwRig.sync();
        Cmd.CS.set(s, 3);
        assertIllegalAndStuck(new HwRig(), s);
    }

    @Test
    void priResponseWithoutPriIsIllegal() {
        assertIllegalAndStuck(new HwRig(), Cmd.of(Opcode.PRI_RESP));
    }

    @Test
    void msiSyncWritesItsDataToTheGivenAddress() {
        HwRig r = new HwRig();
        long[] s = HwRig.sync();
        Cmd.CS.set(s, Cmd.SYNC_CS_IRQ);
        Cmd.MSIADDR.setAddress(s, r.cmdqBase); // its own slot, as Linux polls
        Cmd.MSIDATA.set(s, 0);
        r.submit(s);
        assertEquals(0, r.mem.read32(r.cmdqBase));
        assertEquals(1, cons(r));
    }

    @Test
    void queueWrapsAndTogglesTheWrapBit() {
        HwRig r = new HwRig();
        int entries = 1 << HwRig.CMDQ_SHIFT;
        for (int i = 0; i < entries + 3; i++) {
            r.submit(HwRig.sync());
        }
        int c = cons(r);
        assertEquals(3, c & (entries - 1));
        assertEquals(1, QPtr.wrap(HwRig.CMDQ_SHIFT).extract(c));
        assertEquals(entries + 3, r.smmu.syncCount());
    }

    @Test
    void nothingIsConsumedWhileTheQueueIsDisabled() {
        HwRig r = new HwRig();
        r.smmu.writeReg32(Regs.CR0, 0);
        r.submit(HwRig.sync());
        assertEquals(0, cons(r));
        r.smmu.writeReg32(Regs.CR0, (int) Regs.Cr0.CMDQEN.maskedValue(1));
        assertEquals(1, cons(r));
    }

    @Test
    void listenersSeeEveryDecodedCommandAndEachSyncCompletion() {
        HwRig r = new HwRig();
        List<Command> seen = new ArrayList<>();
        List<Command> syncs = new ArrayList<>();
        r.smmu.addCommandListener(new CommandListener() {
            @Override
            public void onCommand(Command c) {
                seen.add(c);
            }

            @Override
            public void onSyncComplete(Command sync) {
                syncs.add(sync);
            }
        });
        r.submit(HwRig.cfgiCd(0x12, 0x405, false), Cmd.of(Opcode.CFGI_ALL), HwRig.sync());
        assertEquals(3, seen.size());
        assertEquals(Opcode.CFGI_CD, seen.get(0).opcode());
        assertEquals(0x12, seen.get(0).get(Cmd.SID));
        assertEquals(0x405L, seen.get(0).fields().get("SSID"));
        assertEquals(0L, seen.get(0).fields().get("LEAF"));
        assertEquals(Opcode.CFGI_ALL, seen.get(1).opcode());
        assertEquals(1, syncs.size());
        assertTrue(seen.get(2).seq() > seen.get(0).seq());
        assertTrue(seen.get(0).toString().startsWith("CFGI_CD"));
    }
}
