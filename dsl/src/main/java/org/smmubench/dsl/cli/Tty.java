package org.smmubench.dsl.cli;

/**
 * Whether stdout and stderr are terminals. Java 17 cannot ask about each stream (its
 * System.console() needs stdin and stdout both to be one), so scripts/smmu-bench, which can
 * ({@code [ -t 2 ]}), says so in SMMU_BENCH_TTY: "1" for stdout, "2" for stderr, "12" for
 * both, empty for neither. Run as {@code java -jar}, System.console() is the best guess for both.
 */
final class Tty {
    static final String ENV = "SMMU_BENCH_TTY";

    private Tty() {}

    static boolean stdout() { return is('1'); }

    static boolean stderr() { return is('2'); }

    private static boolean is(char stream) {
        String env = System.getenv(ENV);
        if (env != null) return env.indexOf(stream) >= 0;
        return System.console() != null;
    }
}
