package org.smmubench.dsl.cli;

import java.time.temporal.ChronoUnit;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * The explore bar on stderr: runs done of the most asked for, findings so far, runs per
 * second. Shown only where {@link Progress#wanted} would show the run bar.
 */
final class ExploreProgress implements AutoCloseable {
    private final ProgressBar bar;

    private ExploreProgress(ProgressBar bar) {
        this.bar = bar;
    }

    static ExploreProgress start(int runs, boolean show) {
        if (!show) return new ExploreProgress(null);
        return new ExploreProgress(new ProgressBarBuilder().setTaskName("explore").setInitialMax(runs)
                .setUnit(" runs", 1).showSpeed().setSpeedUnit(ChronoUnit.SECONDS)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build());
    }

    void update(int runs, int findings) {
        if (bar == null) return;
        bar.setExtraMessage(" " + findings + " finding(s)");
        bar.stepTo(runs);
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
