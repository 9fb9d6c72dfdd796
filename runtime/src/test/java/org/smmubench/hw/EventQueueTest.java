package org.smmubench.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smmubench.hw.field.EventType;
import org.smmubench.hw.field.Evt;
import org.smmubench.hw.field.Regs;
import org.smmubench.hw.field.Regs.QPtr;

class EventQueueTest {

    @Test
    void eventsAreWrittenToTheRingAndDecodable() {
        HwRig r = new HwRig();
        r.writeSte(5, new long[8]);
        r.smmu.dma(Transaction.write(5, 0x77, 0xABC000));
        assertEquals(1, r.smmu.readReg32(Regs.EVTQ_PROD));
        Event fromRing = Event.decode(r.mem.readWords(r.evtqBase, Evt.DWORDS), true);
        assertEquals(EventType.C_BAD_STE, fromRing.type());
        assertEquals(5, fromRing.sid());
        assertTrue(fromRing.ssv());
        assertEquals(0x77, fromRing.ssid());
        assertEquals(0xABC000, fromRing.inputAddress());
        assertFalse(fromRing.read());
        List<Event> drained = r.smmu.drainEvents();
        assertEquals(1, drained.size());
        assertTrue(drained.get(0).inQueue());
        assertTrue(r.smmu.drainEvents().isEmpty());
        assertEquals(1, r.smmu.eventLog().size());
    }

    @Test
    void fullQueueLosesTheRecordAndTogglesOverflow() {
        HwRig r = new HwRig();
        r.writeSte(5, new long[8]);
        int entries = 1 << HwRig.EVTQ_SHIFT;
        for (int i = 0; i < entries + 1; i++) {
            r.smmu.dma(Transaction.read(5, i * 0x1000L));
        }
        int prod = r.smmu.readReg32(Regs.EVTQ_PROD);
        assertEquals(1, QPtr.OVFLG.extract(prod));
        List<Event> events = r.smmu.drainEvents();
        assertEquals(entries + 1, events.size());
        assertFalse(events.get(entries).inQueue());
    }

    @Test
    void disabledEventQueueStillKeepsTheModelsList() {
        HwRig r = new HwRig();
        r.smmu.writeReg32(Regs.CR0, (int) (Regs.Cr0.SMMUEN.maskedValue(1) | Regs.Cr0.CMDQEN.maskedValue(1)));
        r.writeSte(5, new long[8]);
        r.smmu.dma(Transaction.read(5, 0));
        assertEquals(0, r.smmu.readReg32(Regs.EVTQ_PROD));
        assertFalse(r.smmu.drainEvents().get(0).inQueue());
    }
}
