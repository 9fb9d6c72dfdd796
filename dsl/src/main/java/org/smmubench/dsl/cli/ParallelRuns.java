package org.smmubench.dsl.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.smmubench.bench.RunResult;

/**
 * Runs independent scenario tasks on {@code threads} worker threads and hands their results
 * back in task order, so a report does not depend on which run finished first. At most a few
 * tasks per thread are in flight: results are consumed as they come, and a long run over
 * thousands of scenarios never holds more than that window in memory. A task's exception is
 * rethrown as is (a ScenarioException is the user's, anything else a bug).
 */
final class ParallelRuns implements Iterator<List<RunResult>>, AutoCloseable {
    private final Iterator<Callable<List<RunResult>>> tasks;
    private final ExecutorService pool;
    private final Deque<Future<List<RunResult>>> inFlight = new ArrayDeque<>();
    private final int window;

    ParallelRuns(List<Callable<List<RunResult>>> tasks, int threads) {
        this.tasks = tasks.iterator();
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "smmu-bench-run-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.window = threads * 4;
        fill();
    }

    private void fill() {
        while (inFlight.size() < window && tasks.hasNext()) inFlight.add(pool.submit(tasks.next()));
    }

    @Override
    public boolean hasNext() { return !inFlight.isEmpty(); }

    @Override
    public List<RunResult> next() {
        Future<List<RunResult>> f = inFlight.removeFirst();
        try {
            List<RunResult> rs = f.get();
            fill();
            return rs;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a scenario run", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        }
    }

    /** Stops the workers; tasks not started yet never run. */
    @Override
    public void close() {
        for (Future<List<RunResult>> f : inFlight) f.cancel(true);
        pool.shutdownNow();
    }
}
