package org.smmubench.features;

import java.util.Collection;
import java.util.List;

/** "Unknown X" messages that list what is known and point at the nearest spelling. */
public final class Names {
    private Names() {}

    public static String unknown(String kind, String value, Collection<String> known) {
        StringBuilder sb = new StringBuilder("unknown " + kind + " \"" + value + "\"");
        List<String> near = nearest(value, known, 1);
        if (!near.isEmpty() && distance(value, near.get(0)) <= Math.max(2, value.length() / 3))
            sb.append("; did you mean \"").append(near.get(0)).append("\"?");
        if (known.isEmpty()) sb.append(" (none is declared yet)");
        else sb.append(" (known: ").append(org.smmubench.scenario.Names.list(known)).append(")");
        return sb.toString();
    }

    /** The {@code n} known strings closest to {@code value}, nearest first, ties in the given order. */
    public static List<String> nearest(String value, Collection<String> known, int n) {
        return org.smmubench.scenario.Spelling.nearest(value, known, n);
    }

    public static int distance(String a, String b) {
        return org.smmubench.scenario.Spelling.distance(a, b);
    }
}
