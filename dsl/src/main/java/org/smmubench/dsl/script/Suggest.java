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
        return org.smmubench.scenario.Spelling.distance(a, b);
    }
}
