package org.smmubench.hw;

import java.util.OptionalInt;
import org.smmubench.hw.field.EventType;
import org.smmubench.hw.field.Ste;

/**
 * Which CD a transaction uses on a stage-1 STE (smmuv3-arch §2.2 substream rules), or why
 * it has none.
 */
sealed interface Substream permits Substream.UseCd, Substream.Bypass, Substream.Reject {

    record UseCd(int cdIndex) implements Substream {
    }

    /** S1DSS=BYPASS for a transaction without a SubstreamID. */
    record Bypass() implements Substream {
    }

    record Reject(EventType event, String reason) implements Substream {
    }

    static Substream select(SteView ste, OptionalInt ssid) {
        int cdMax = ste.s1CdMax();
        if (cdMax == 0) {
            return ssid.isPresent()
                    ? new Reject(EventType.C_BAD_SUBSTREAMID, "SubstreamID on an STE with S1CDMax=0")
                    : new UseCd(0);
        }
        if (ssid.isPresent()) {
            long s = Integer.toUnsignedLong(ssid.getAsInt());
            if (s >= 1L << cdMax) {
                return new Reject(EventType.C_BAD_SUBSTREAMID, "SubstreamID beyond 2^S1CDMax");
            }
            if (s == 0 && ste.s1Dss() == Ste.S1DSS_SSID0) {
                return new Reject(EventType.C_BAD_SUBSTREAMID, "SubstreamID 0 with S1DSS=SSID0 (CD 0 is for non-PASID traffic)");
            }
            return new UseCd((int) s);
        }
        return switch (ste.s1Dss()) {
            case Ste.S1DSS_BYPASS -> new Bypass();
            case Ste.S1DSS_SSID0 -> new UseCd(0);
            default -> new Reject(EventType.F_STREAM_DISABLED, "no SubstreamID and S1DSS=terminate");
        };
    }
}
