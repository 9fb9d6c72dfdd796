package org.smmubench.features;

import java.util.Collection;
import java.util.Comparator;
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
        else sb.append(" (known: ").append(String.join(", ", known)).append(")");
        return sb.toString();
    }

    /** The {@code n} known strings closest to {@code value}, nearest first, ties in the given order. */
    public static List<String> nearest(String value, Collection<String> known, int n) {
        return known.stream()
                .sorted(Comparator.comparingInt((String k) -> distance(value, k)))
                .limit(n).toList();
    }

    /** Levenshtein distance. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
