package org.smmubench.bench;

/**
 * {@code --shard K/N}: this machine runs the K-th of N contiguous, equally sized blocks of
 * the selected scenarios (in run order; a scenario's trees stay together). Contiguous, so
 * that the shards' reports joined in K order are the report of a single run.
 */
public record Shard(int index, int count) {
    public Shard {
        if (count < 1 || index < 1 || index > count)
            throw new IllegalArgumentException("a shard is K/N with 1 <= K <= N, not " + index + "/" + count);
    }

    /** {@code "2/4"}; IllegalArgumentException with a user-facing message otherwise. */
    public static Shard parse(String s) {
        String[] kn = s.strip().split("/", -1);
        if (kn.length != 2) throw new IllegalArgumentException("expected K/N (for example 2/4), not '" + s + "'");
        try {
            return new Shard(Integer.parseInt(kn[0].strip()), Integer.parseInt(kn[1].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected K/N with whole numbers (for example 2/4), not '" + s + "'");
        }
    }

    /** The first of this shard's positions among {@code total} scenarios (inclusive). */
    public int from(int total) { return (int) ((long) (index - 1) * total / count); }

    /** The end of this shard's positions among {@code total} scenarios (exclusive). */
    public int to(int total) { return (int) ((long) index * total / count); }

    @Override
    public String toString() { return index + "/" + count; }
}
