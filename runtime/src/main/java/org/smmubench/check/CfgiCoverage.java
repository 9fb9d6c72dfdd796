package org.smmubench.check;

import org.smmubench.driver.CdCode;
import org.smmubench.hw.Command;
import org.smmubench.hw.field.Cmd;
import org.smmubench.hw.field.Opcode;

/**
 * Which configuration invalidations cover which cached structure, as the hardware model
 * applies them (CommandProcessor): an STE invalidation also drops the CDs and L1CDs cached
 * through that STE, so it counts for them too.
 */
final class CfgiCoverage {
    private CfgiCoverage() {}

    static boolean ste(Command c, int sid) {
        if (c.opcode() == null) return false;
        return switch (c.opcode()) {
            case CFGI_ALL -> true;
            case CFGI_STE -> (int) c.get(Cmd.SID) == sid;
            case CFGI_STE_RANGE -> {
                long span = 1L << (c.get(Cmd.RANGE) + 1);
                long first = Integer.toUnsignedLong((int) c.get(Cmd.SID)) & ~(span - 1);
                yield Long.compareUnsigned(Integer.toUnsignedLong(sid) - first, span) < 0;
            }
            default -> false;
        };
    }

    /** A CD: CFGI_CD for its (SID, SSID) with either Leaf value, or anything dropping all of the SID's CDs. */
    static boolean cd(Command c, int sid, int ssid) {
        if (c.is(Opcode.CFGI_CD)) return (int) c.get(Cmd.SID) == sid && (int) c.get(Cmd.SSID) == ssid;
        if (c.is(Opcode.CFGI_CD_ALL)) return (int) c.get(Cmd.SID) == sid;
        return ste(c, sid);
    }

    /** An L1CD: only CFGI_CD with Leaf=0 for an SSID in its leaf (or a wider invalidation). */
    static boolean l1Cd(Command c, int sid, int l1Index) {
        if (c.is(Opcode.CFGI_CD)) {
            return (int) c.get(Cmd.SID) == sid && c.get(Cmd.LEAF) == 0
                    && ((int) c.get(Cmd.SSID) >>> CdCode.CTXDESC_SPLIT) == l1Index;
        }
        if (c.is(Opcode.CFGI_CD_ALL)) return (int) c.get(Cmd.SID) == sid;
        return ste(c, sid);
    }
}
