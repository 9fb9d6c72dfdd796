package org.smmubench.scenario;

import java.util.Collection;
import java.util.Optional;

/** "Unknown X" messages that list what is known and suggest the closest name, as compilers do for typos. */
public final class Names {
    private Names() {}

    public static String unknown(String kind, String value, Collection<String> known) {
        return unknown(kind, value, "", known);
    }

    /** {@code where} (may be empty) says where the name was looked up, e.g. " in devices[0]". */
    static String unknown(String kind, String value, String where, Collection<String> known) {
        return unknown(kind, value, where, known, '\'', "none are defined");
    }

    /**
     * The same message in another front-end's words: the quote its names are written in (a
     * Gherkin step quotes them with ") and what it says when no such name exists yet.
     */
    public static String unknown(String kind, String value, Collection<String> known, char quote, String none) {
        return unknown(kind, value, "", known, quote, none);
    }

    private static String unknown(String kind, String value, String where, Collection<String> known, char quote, String none) {
        StringBuilder sb = new StringBuilder("unknown " + kind + " " + quote + value + quote + where);
        closest(value, known).ifPresent(c -> sb.append("; did you mean ").append(quote).append(c).append(quote).append("?"));
        if (known.isEmpty()) sb.append(" (").append(none).append(")");
        else sb.append(" (known: ").append(list(known)).append(")");
        return sb.toString();
    }

    /**
     * How many names a message lists before it says how many more there are: more than any
     * of the bench's own vocabularies (invariants, step kinds, trees), which are shown whole,
     * and far fewer than the devices a large topology declares.
     */
    static final int LISTED = 64;

    /**
     * The names, comma-separated, at most {@link #LISTED} of them and then how many more: a
     * scenario with thousands of devices must not turn one typo into a page of names.
     */
    public static String list(Collection<String> names) {
        if (names.size() <= LISTED) return String.join(", ", names);
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (String n : names) {
            if (i == LISTED) break;
            if (i++ > 0) sb.append(", ");
            sb.append(n);
        }
        return sb.append(" and ").append(names.size() - LISTED).append(" more").toString();
    }

    /** The known name within a typo's reach (edit distance at most a third of its length, and at least 2). */
    static Optional<String> closest(String value, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(value, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        int reach = Math.max(2, value.length() / 3);
        return best != null && bestDistance <= reach ? Optional.of(best) : Optional.empty();
    }

    static int distance(String a, String b) {
        return Spelling.distance(a, b);
    }
}
