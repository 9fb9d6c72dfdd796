package org.smmubench.features;

import java.util.Collection;
import java.util.List;

/** "Unknown X" messages that list what is known and point at the nearest spelling. */
public final class Names {
    private Names() {}

    public static String unknown(String kind, String value, Collection<String> known) {
        return org.smmubench.scenario.Names.unknown(kind, value, known, '"', "none is declared yet");
    }

    /** The {@code n} known strings closest to {@code value}, nearest first, ties in the given order. */
    public static List<String> nearest(String value, Collection<String> known, int n) {
        return org.smmubench.scenario.Spelling.nearest(value, known, n);
    }

    public static int distance(String a, String b) {
        return org.smmubench.scenario.Spelling.distance(a, b);
    }
}
