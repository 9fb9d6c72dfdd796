package org.smmubench.dsl.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Progress bars on stderr when stderr is a terminal (even when stdout is redirected to a
 * file), never in CI, where they would only add carriage-return noise to logs. Two phases:
 * checking the files (thousands of YAML files take a while to load and validate), then
 * running the scenarios.
 */
final class Progress implements AutoCloseable {
    /** Below this many files or runs the bench finishes before a bar is worth looking at. */
    static final int MIN_ITEMS = 8;

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** Whether bars go to stderr at all. */
    static boolean enabled() {
        return Tty.stderr() && System.getenv("CI") == null;
    }

    static boolean wanted(int items) {
        return items >= MIN_ITEMS && enabled();
    }

    /** A bar named {@code task} over {@code items} when {@code show}, otherwise a no-op. */
    static Progress start(String task, int items, boolean show) {
        if (!show) return new Progress(null);
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(items)
                .setUpdateIntervalMillis(200).continuousUpdate()
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build());
    }

    void advance(int n) {
        if (bar != null) bar.stepBy(n);
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
