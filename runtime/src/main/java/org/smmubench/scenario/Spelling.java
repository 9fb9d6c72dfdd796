package org.smmubench.scenario;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Edit distance between what a user typed and the names that exist, for the "did you mean"
 * hints of every front-end (YAML loader, Gherkin steps, Groovy scripts). Each front-end keeps
 * its own threshold and wording; the distance is computed once, here.
 */
public final class Spelling {
    private Spelling() {}

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

    /** The {@code n} known names closest to {@code value}, nearest first, ties in the given order. */
    public static List<String> nearest(String value, Collection<String> known, int n) {
        return known.stream().sorted(Comparator.comparingInt((String k) -> distance(value, k))).limit(n).toList();
    }
}
