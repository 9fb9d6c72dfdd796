package org.smmubench.hw;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One ATS endpoint's address translation cache, keyed by (SSV, SSID, 4 KiB page). It is
 * filled by translation requests and emptied only by CMD_ATC_INV followed by a completed
 * CMD_SYNC; SMMU TLBIs never touch it.
 */
public final class Atc {
    private final int sid;
    private final List<AtcEntry> entries = new ArrayList<>();

    Atc(int sid) {
        this.sid = sid;
    }

    public int sid() {
        return sid;
    }

    public List<AtcEntry> entries() {
        return List.copyOf(entries);
    }

    public int size() {
        return entries.size();
    }

    public Optional<AtcEntry> lookup(boolean ssv, int ssid, long va) {
        long page = va & ~(AtcEntry.PAGE - 1);
        for (AtcEntry e : entries) {
            if (e.ssv() == ssv && (!ssv || e.ssid() == ssid) && e.va() == page) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    void fill(AtcEntry e) {
        entries.removeIf(o -> !o.pendingInvalidation() && o.ssv() == e.ssv() && o.ssid() == e.ssid() && o.va() == e.va());
        entries.add(e);
    }

    /**
     * ATC_INV: pages in [start, start+bytes). SSV=0 (no PASID prefix) hits every entry in the
     * range, PASID-tagged or not; SSV=1 only entries tagged with that PASID.
     */
    void markPending(boolean ssv, int ssid, long start, long bytes) {
        for (int i = 0; i < entries.size(); i++) {
            AtcEntry e = entries.get(i);
            boolean inRange = bytes == 0 || (Long.compareUnsigned(e.va(), start) >= 0
                    && Long.compareUnsigned(e.va() - start, bytes) < 0);
            boolean tagMatch = !ssv || (e.ssv() && e.ssid() == ssid);
            if (inRange && tagMatch && !e.pendingInvalidation()) {
                entries.set(i, new AtcEntry(e.sid(), e.ssv(), e.ssid(), e.va(), e.pa(), e.writable(), true, e.filledAt()));
            }
        }
    }

    void commitPending() {
        entries.removeIf(AtcEntry::pendingInvalidation);
    }
}
