package org.smmubench.hw;

import java.util.List;
import org.smmubench.hw.field.Cd;
import org.smmubench.hw.field.Dump;
import org.smmubench.hw.field.Field;
import org.smmubench.hw.field.L1Cd;
import org.smmubench.hw.field.L1Std;
import org.smmubench.hw.field.Ste;

/**
 * A snapshot of one configuration cache entry.
 *
 * @param kind       which structure
 * @param sid        StreamID (STE, CD, L1CD); -1 for L1STD, which is shared by SIDs
 * @param index      STE: the SID; L1STD: L1 index; CD: CD index (SSID, or 0 for the default
 *                   substream); L1CD: L1 index within the SID's CD table
 * @param address    where in memory the dwords were fetched from
 * @param dwords     the cached contents
 * @param pendingInvalidation an invalidation covering it was consumed; it goes at the next CMD_SYNC
 * @param filledAt   model sequence number at fill time ({@link Smmu#sequence()})
 */
public record ConfigEntry(Kind kind, int sid, long index, long address, long[] dwords,
                          boolean pendingInvalidation, long filledAt) {

    public enum Kind {
        STE(Ste.FIELDS), L1STD(L1Std.FIELDS), CD(Cd.FIELDS), L1CD(L1Cd.FIELDS);

        private final List<Field> fields;

        Kind(List<Field> fields) {
            this.fields = fields;
        }

        public List<Field> fields() {
            return fields;
        }
    }

    public ConfigEntry {
        dwords = dwords.clone();
    }

    @Override
    public long[] dwords() {
        return dwords.clone();
    }

    public String render() {
        return Dump.renderNonZero(kind.fields(), dwords);
    }

    @Override
    public String toString() {
        return String.format("%s sid=%s index=0x%x @0x%x%s: %s", kind, sid < 0 ? "-" : "0x" + Integer.toHexString(sid),
                index, address, pendingInvalidation ? " (invalidation pending)" : "", render());
    }
}
