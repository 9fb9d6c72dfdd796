package org.smmubench.hw;

import java.util.ArrayList;
import java.util.List;
import org.smmubench.hw.field.EventType;
import org.smmubench.hw.field.Evt;
import org.smmubench.hw.field.Regs.Cr0;
import org.smmubench.hw.field.Regs.Gerror;
import org.smmubench.hw.field.Regs.QPtr;

/**
 * Records events: into the event queue ring in memory when it is enabled and has room, and
 * always into the model's own lists (so invariants need not read the ring). A full queue
 * loses the record and toggles EVTQ_PROD.OVFLG; an unwritable queue raises EVTQ_ABT_ERR.
 */
final class EventWriter {
    private final Smmu smmu;
    private final PhysMemory mem;
    private final List<Event> undrained = new ArrayList<>();
    private final List<Event> all = new ArrayList<>();

    EventWriter(Smmu smmu, PhysMemory mem) {
        this.smmu = smmu;
        this.mem = mem;
    }

    Event record(EventType type, Transaction t, int eventClass, long address) {
        long[] rec = new long[Evt.DWORDS];
        Evt.EVENT_ID.set(rec, type.code());
        Evt.SID.set(rec, Integer.toUnsignedLong(t.sid()));
        if (t.ssv()) {
            Evt.SSV.set(rec, 1);
            Evt.SSID.set(rec, t.ssid().getAsInt() & Evt.SSID.valueMask());
        }
        Evt.RNW.set(rec, !t.write());
        Evt.PNU.set(rec, t.privileged());
        Evt.IND.set(rec, t.instruction());
        Evt.CLASS.set(rec, eventClass);
        Evt.INPUT_ADDR.set(rec, t.va());
        if (type == EventType.F_STE_FETCH || type == EventType.F_CD_FETCH || type == EventType.F_WALK_EABT) {
            Evt.FETCH_ADDR.setAddress(rec, address & Evt.FETCH_ADDR.mask());
        } else if (type.isTranslationFault()) {
            Evt.IPA.setAddress(rec, address & Evt.IPA.mask());
        }
        boolean written = writeToQueue(rec);
        Event e = Event.decode(rec, written);
        undrained.add(e);
        all.add(e);
        return e;
    }

    private boolean writeToQueue(long[] rec) {
        Queue q = smmu.evtq;
        if (!Cr0.EVTQEN.isSet(smmu.cr0())) {
            return false;
        }
        if (q.full()) {
            q.prod ^= (int) QPtr.OVFLG.mask();
            return false;
        }
        try {
            mem.writeWords(q.entryAddress(q.prod), rec);
        } catch (MemoryFault f) {
            smmu.raiseGlobalError(Gerror.EVTQ_ABT_ERR);
            return false;
        }
        q.prod = q.advance(q.prod);
        return true;
    }

    List<Event> drain() {
        List<Event> out = List.copyOf(undrained);
        undrained.clear();
        return out;
    }

    List<Event> all() {
        return List.copyOf(all);
    }
}
