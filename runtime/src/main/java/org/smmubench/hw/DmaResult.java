package org.smmubench.hw;

import org.smmubench.hw.field.EventType;

/** Outcome of one transaction: an output address, or an abort with the event it caused. */
public sealed interface DmaResult permits DmaResult.Ok, DmaResult.Abort {

    Transaction transaction();

    Provenance from();

    /** How a successful transaction got its address. */
    enum Route { GBPA_BYPASS, STE_BYPASS, S1DSS_BYPASS, TRANSLATED, ATC }

    record Ok(Transaction transaction, long pa, Route route, Provenance from) implements DmaResult {
        /** Convenience for invariants: did any cached state decide this translation? */
        public boolean fromCache() {
            return from.fromCache();
        }
    }

    /**
     * @param event    the event the abort corresponds to; null for silent aborts (GBPA abort,
     *                 abort-config STE)
     * @param recorded whether an event was recorded (faults need CD.R; C_BAD_STREAMID needs
     *                 CR2.RECINVSID)
     * @param reason   short human text naming the check that failed
     */
    record Abort(Transaction transaction, EventType event, boolean recorded, String reason, Provenance from)
            implements DmaResult {
    }

    default boolean ok() {
        return this instanceof Ok;
    }
}
