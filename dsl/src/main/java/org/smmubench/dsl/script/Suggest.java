package org.smmubench.dsl.script;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" for names users type: the nearest candidate within a small edit distance. */
public final class Suggest {
    private Suggest() {}

    public static Optional<String> closest(String typo, Collection<String> candidates) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(typo, c);
            if (d < bestD) { bestD = d; best = c; }
        }
        int limit = Math.max(1, Math.min(2, typo.length() / 3));
        return bestD <= limit ? Optional.of(best) : Optional.empty();
    }

    /** " (did you mean 'x'?)" or "". */
    public static String hint(String typo, Collection<String> candidates) {
        return closest(typo, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}
