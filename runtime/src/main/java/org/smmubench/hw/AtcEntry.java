package org.smmubench.hw;

/**
 * A snapshot of one endpoint ATC entry (a 4 KiB translation the endpoint obtained by ATS).
 *
 * @param ssv   the translation request carried a PASID
 */
public record AtcEntry(int sid, boolean ssv, int ssid, long va, long pa, boolean writable,
                       boolean pendingInvalidation, long filledAt) {
    public static final long PAGE = 4096;

    @Override
    public String toString() {
        return String.format("sid=0x%x %sva=0x%x pa=0x%x %s%s", sid, ssv ? String.format("ssid=0x%x ", ssid) : "",
                va, pa, writable ? "rw" : "ro", pendingInvalidation ? " (invalidation pending)" : "");
    }
}
