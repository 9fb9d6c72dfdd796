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
 *     test suite runs this way, so every test is also a proof that the modes agree. On a
 *     machine of more than {@link #COMPARE_EVERY_STEP_UP_TO} devices the walk and the
 *     comparison run on every {@code devices / }{@link #DEVICES_PER_COMPARED_STEP}-th step
 *     only ({@link #compareNow}): the full walk costs the machine's size, so comparing
 *     after each of N probes would make a large topology's set-up cost N² (a fuzzed
 *     4,100-device group did not finish in minutes). A compared step still proves that
 *     every violation the full walk sees then was reported when it first held (it is
 *     recorded, or the bench throws); what such a machine's uncompared steps lose is a
 *     violation that held and cleared between two compared steps.</li>
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

    /** Up to this many probed devices, cross-check mode compares after every step (every shipped example and test is below). */
    public static final int COMPARE_EVERY_STEP_UP_TO = 512;
    /** Beyond it, one step in {@code devices / DEVICES_PER_COMPARED_STEP} is compared: a full walk's cost spread over that many steps. */
    public static final int DEVICES_PER_COMPARED_STEP = 64;

    /**
     * In cross-check mode: whether this step of {@code w} runs the full walks and compares
     * them with the incremental checks (see the class comment). Decided by the device count
     * and the step's serial only, so a run compares the same steps every time.
     */
    public static boolean compareNow(World w) {
        int devices = w.core.devicesView().size();
        if (devices <= COMPARE_EVERY_STEP_UP_TO) return true;
        return w.stepSerial() % (devices / DEVICES_PER_COMPARED_STEP) == 0;
    }

    public static Checking parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "incremental" -> INCREMENTAL;
            case "paranoid" -> PARANOID;
            case "cross-check" -> CROSS_CHECK;
            default -> throw new IllegalArgumentException("smmubench.checking must be incremental, paranoid or cross-check, not '" + s + "'");
        };
    }
}
