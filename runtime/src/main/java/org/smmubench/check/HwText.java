package org.smmubench.check;

import java.util.List;
import java.util.stream.Collectors;

import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuStream;

/**
 * How the hardware invariants name things in messages, so every report reads the same:
 * SIDs, PASIDs and addresses in hex (as the kernel prints them), ASIDs in decimal.
 */
final class HwText {
    private HwText() {}

    static String hex(long v) { return "0x" + Long.toHexString(v); }

    /** "nic0 (SID 0x100)", or "dsp0 (SIDs 0x10, 0x11)" for a master with several streams. */
    static String master(ArmSmmuMaster m) {
        List<Integer> sids = m.streams.stream().map(ArmSmmuStream::id).distinct().toList();
        if (sids.size() == 1) return m.dev.name() + " (SID " + hex(sids.get(0)) + ")";
        return m.dev.name() + " (SIDs " + sids.stream().map(s -> hex(s)).collect(Collectors.joining(", ")) + ")";
    }

    /** "nic0 (SID 0x100)" for a probed SID, "SID 0x100" for one no master owns. */
    static String stream(World w, int sid) {
        ArmSmmuStream s = w.driver.smmu.streams.get(sid);
        return s == null ? "SID " + hex(sid) : s.master().dev.name() + " (SID " + hex(sid) + ")";
    }

    static String pasid(Integer pasid) { return pasid == null ? "no PASID" : "PASID " + hex(pasid); }

    static String access(boolean write) { return write ? "write" : "read"; }
}
