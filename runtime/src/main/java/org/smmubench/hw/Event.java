package org.smmubench.hw;

import org.smmubench.hw.field.Dump;
import org.smmubench.hw.field.EventType;
import org.smmubench.hw.field.Evt;

/**
 * A decoded event record.
 *
 * @param type      event type, or null if the EventID is not one the model knows
 * @param eventId   raw EventID
 * @param inQueue   false if the record could not be written to the event queue (queue
 *                  disabled, full, or unwritable); the model still keeps it in its own list
 * @param raw       the four dwords as written to the queue
 */
public record Event(EventType type, int eventId, int sid, boolean ssv, int ssid, long inputAddress,
                    boolean read, boolean privileged, boolean instruction, int eventClass,
                    long address, boolean inQueue, long[] raw) {

    public Event {
        raw = raw.clone();
    }

    /** Decodes a 32-byte record read back from the event queue. */
    public static Event decode(long[] rec, boolean inQueue) {
        int id = (int) Evt.EVENT_ID.get(rec);
        EventType t = EventType.fromCode(id).orElse(null);
        long addr = t == EventType.F_STE_FETCH || t == EventType.F_CD_FETCH || t == EventType.F_WALK_EABT
                ? Evt.FETCH_ADDR.getAddress(rec) : Evt.IPA.getAddress(rec);
        return new Event(t, id, (int) Evt.SID.get(rec), Evt.SSV.isSet(rec), (int) Evt.SSID.get(rec),
                Evt.INPUT_ADDR.get(rec), Evt.RNW.isSet(rec), Evt.PNU.isSet(rec), Evt.IND.isSet(rec),
                (int) Evt.CLASS.get(rec), addr, inQueue, rec);
    }

    @Override
    public long[] raw() {
        return raw.clone();
    }

    public String render() {
        return Dump.renderNonZero(Evt.FIELDS, raw);
    }

    @Override
    public String toString() {
        return String.format("%s sid=0x%x%s addr=0x%x%s", type == null ? "event 0x" + Integer.toHexString(eventId) : type,
                sid, ssv ? String.format(" ssid=0x%x", ssid) : "", inputAddress, read ? " read" : " write");
    }
}
