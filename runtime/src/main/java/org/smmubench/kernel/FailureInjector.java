package org.smmubench.kernel;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Armed failures: the Nth next hit of a site (optionally only on a device's behalf) fails.
 * Several entries may be armed at once, also for the same site; each counts its own hits
 * from the moment it was armed.
 */
public final class FailureInjector {
    /** An armed failure still waiting for its hit. */
    public record Armed(String site, int nth, String device, int remaining) {}

    /** A failure that fired: the nth matching hit of site, on device's behalf (may be null). */
    public record Fired(String site, int nth, String device, String hitDevice) {}

    private static final class Entry {
        final String site;
        final int nth;
        final String device;
        int remaining;

        Entry(String site, int nth, String device) {
            this.site = site;
            this.nth = nth;
            this.device = device;
            this.remaining = nth;
        }

        boolean matches(String s, String dev) {
            return site.equals(s) && (device == null || device.equals(dev));
        }
    }

    private final List<Entry> armed = new ArrayList<>();
    private final List<Fired> fired = new ArrayList<>();

    /** The site names that may be armed (docs/sites.md). */
    public List<String> sites() { return FailureSites.names(); }

    /**
     * Arms site to fail on its nth next hit (nth >= 1), only on device's behalf when device is
     * not null. Throws IllegalArgumentException for an unknown site, listing the known ones.
     */
    public void arm(String site, int nth, String device) {
        requireKnown(site);
        if (nth < 1) {
            throw new IllegalArgumentException("fail: nth must be >= 1, got " + nth);
        }
        armed.add(new Entry(site, nth, device));
    }

    /** Counts one hit of site; true when an armed entry fires on it (the caller must fail). */
    public boolean hit(String site, String device) {
        requireKnown(site);
        boolean fail = false;
        for (Iterator<Entry> it = armed.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.matches(site, device) && --e.remaining == 0) {
                fired.add(new Fired(e.site, e.nth, e.device, device));
                it.remove();
                fail = true;
            }
        }
        return fail;
    }

    /** Armed entries not yet fired, in arming order (the bench can report unhit failures). */
    public List<Armed> pending() {
        return armed.stream().map(e -> new Armed(e.site, e.nth, e.device, e.remaining)).toList();
    }

    public List<Fired> fired() { return List.copyOf(fired); }

    public void clear() { armed.clear(); }

    private static void requireKnown(String site) {
        Objects.requireNonNull(site, "site");
        if (FailureSites.find(site).isEmpty()) {
            throw new IllegalArgumentException("unknown failure site '" + site + "'; known sites: "
                    + String.join(", ", FailureSites.names()));
        }
    }
}
