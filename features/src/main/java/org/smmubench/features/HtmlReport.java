package org.smmubench.features;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import io.cucumber.core.plugin.HtmlFormatter;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.TestCase;
import io.cucumber.messages.types.TestRunFinished;
import io.cucumber.messages.types.Timestamp;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventHandler;
import io.cucumber.plugin.event.EventPublisher;

import org.smmubench.bench.report.AtomicFile;

/**
 * Cucumber's own HTML report for every feature a runner runs. The bench runs one Cucumber
 * run per feature file and driver; the report is one test run, so this keeps the first
 * run's start, holds each run's end, ties later test cases to the first run, and ends the
 * report when the CLI is done.
 */
final class HtmlReport {
    private final Path file;
    private final AtomicFile target;
    private final OutputStream out;
    private EventHandler<Envelope> formatter;
    private boolean metaSeen;
    private String runId;
    private TestRunFinished lastFinished;
    private boolean success = true;

    HtmlReport(Path file) {
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            // Written beside the target and renamed over it when the run is done: a run that
            // fails half-way leaves the previous report whole.
            target = AtomicFile.open(file);
            out = target.stream();
            new HtmlFormatter(out).setEventPublisher(new EventPublisher() {
                @Override
                @SuppressWarnings("unchecked")
                public <T> void registerHandlerFor(Class<T> type, EventHandler<T> handler) {
                    if (type == Envelope.class) formatter = (EventHandler<Envelope>) handler;
                }

                @Override
                public <T> void removeHandlerFor(Class<T> type, EventHandler<T> handler) {}
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the HTML report " + file, e);
        }
    }

    Path file() { return file; }

    /** A plugin for one Cucumber run, feeding this report. */
    ConcurrentEventListener listener() {
        return publisher -> publisher.registerHandlerFor(Envelope.class, this::envelope);
    }

    private synchronized void envelope(Envelope e) {
        if (e.getMeta().isPresent()) {
            if (metaSeen) return;
            metaSeen = true;
        }
        if (e.getTestRunStarted().isPresent()) {
            if (runId != null) return;
            runId = e.getTestRunStarted().get().getId().orElse(null);
            if (runId == null) runId = "";
        }
        if (e.getTestRunFinished().isPresent()) {
            lastFinished = e.getTestRunFinished().get();
            success &= lastFinished.getSuccess();
            return;
        }
        if (e.getTestCase().isPresent() && runId != null && !runId.isEmpty()) {
            TestCase tc = e.getTestCase().get();
            e = Envelope.of(new TestCase(tc.getId(), tc.getPickleId(), tc.getTestSteps(), runId));
        }
        formatter.receive(e);
    }

    /** Writes the end of the test run; the formatter then closes the file. */
    synchronized void close() {
        Timestamp now = lastFinished != null ? lastFinished.getTimestamp()
                : new Timestamp(Instant.now().getEpochSecond(), 0L);
        formatter.receive(Envelope.of(new TestRunFinished(null, success, now, null,
                runId == null || runId.isEmpty() ? null : runId)));
        try {
            out.close();
            target.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish the HTML report " + file, e);
        } finally {
            target.close();
        }
    }

    /** Drops the report being written; the file that was there stays as it was. */
    synchronized void abort() {
        target.close();
    }
}
