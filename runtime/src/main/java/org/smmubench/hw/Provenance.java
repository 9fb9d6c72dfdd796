package org.smmubench.hw;

/**
 * Where the state that decided a transaction came from, so invariants can tell a
 * transaction served from a stale cache entry. Entries are null when not used.
 *
 * @param ste       the STE configuration entry used (from cache or just fetched and filled)
 * @param cd        the CD entry used
 * @param tlb       the TLB entry used (hit or fill)
 * @param atc       the endpoint ATC entry used (hit or fill)
 */
public record Provenance(boolean steFromCache, boolean cdFromCache, boolean tlbHit, boolean atcHit,
                         ConfigEntry ste, ConfigEntry cd, TlbEntry tlb, AtcEntry atc) {
    public static final Provenance NONE = new Provenance(false, false, false, false, null, null, null, null);

    /** True if any cached state (config, TLB or ATC) was used instead of memory. */
    public boolean fromCache() {
        return steFromCache || cdFromCache || tlbHit || atcHit;
    }
}
