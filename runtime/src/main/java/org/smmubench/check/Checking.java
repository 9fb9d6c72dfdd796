package org.smmubench.check;

import java.util.Locale;

/**
 * How the whole-state invariants run after each step.
 *
 * <ul>
 * <li>{@link #INCREMENTAL}: an {@link IncrementalInvariant} looks only at what the step
 *     touched ({@link StepScope}); the others walk the whole machine as always.</li>
 * <li>{@link #PARANOID}: every invariant walks the whole machine after every step
 *     ({@code run --paranoid}).</li>
 * <li>{@link #CROSS_CHECK}: both, and any new violation the full walk finds that the
 *     incremental one missed (or the reverse) is a bug in smmu-bench: the bench throws. The
 *     test suite runs this way, so every test is also a proof that the modes agree.</li>
 * </ul>
 *
 * The default is {@link #INCREMENTAL}, or the system property {@code smmubench.checking}
 * ({@code incremental}, {@code paranoid}, {@code cross-check}) when set: read once, never
 * changed, so benches running in parallel share nothing mutable.
 */
public enum Checking {
    INCREMENTAL, PARANOID, CROSS_CHECK;

    private static final Checking DEFAULT = parse(System.getProperty("smmubench.checking", "incremental"));

    public static Checking defaultMode() { return DEFAULT; }

    public static Checking parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "incremental" -> INCREMENTAL;
            case "paranoid" -> PARANOID;
            case "cross-check" -> CROSS_CHECK;
            default -> throw new IllegalArgumentException("smmubench.checking must be incremental, paranoid or cross-check, not '" + s + "'");
        };
    }
}
