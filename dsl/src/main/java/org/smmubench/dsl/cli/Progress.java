package org.smmubench.dsl.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A progress bar on stderr for long runs at an interactive terminal. Never in CI or when
 * stdout is redirected: there it would only add carriage-return noise to logs.
 */
final class Progress implements AutoCloseable {
    /** Below this many runs the bench finishes before a bar is worth looking at. */
    static final int MIN_RUNS = 8;

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static boolean wanted(int runs) {
        return runs >= MIN_RUNS && System.console() != null && System.getenv("CI") == null;
    }

    /** A bar when {@code show}, otherwise a no-op. */
    static Progress start(int runs, boolean show) {
        if (!show) return new Progress(null);
        return new Progress(new ProgressBarBuilder().setTaskName("scenarios").setInitialMax(runs)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build());
    }

    void advance(int runs) {
        if (bar != null) bar.stepBy(runs);
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
