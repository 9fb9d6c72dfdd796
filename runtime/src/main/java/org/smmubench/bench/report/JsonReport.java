package org.smmubench.bench.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.smmubench.bench.RecordedViolation;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.Shard;
import org.smmubench.bench.StepFailure;

import tools.jackson.core.JacksonException;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code --json} report, shaped exactly as docs/report.md describes. The tree is built from
 * insertion-ordered maps so the key order is the documented one; users diff these files
 * between kernels, so nothing but {@code durationMs} may vary between identical runs.
 */
public final class JsonReport {
    private JsonReport() {}

    /** The report as a tree of ordered maps and lists (what {@link #write} serialises). */
    public static Map<String, Object> tree(List<RunResult> results) {
        return tree(results, null);
    }

    /**
     * The report of one shard ({@code --shard K/N}) carries {@code "shard": {"index": K,
     * "count": N}} after the summary, which {@code smmu-bench merge} checks and drops.
     */
    public static Map<String, Object> tree(List<RunResult> results, Shard shard) {
        List<Object> runs = new ArrayList<>();
        for (RunResult r : results) runs.add(run(r));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("results", runs);
        root.put("summary", summary(results));
        if (shard != null) {
            Map<String, Object> sh = new LinkedHashMap<>();
            sh.put("index", shard.index());
            sh.put("count", shard.count());
            root.put("shard", sh);
        }
        return root;
    }

    public static String toJson(List<RunResult> results) {
        return toJson(results, null);
    }

    public static String toJson(List<RunResult> results, Shard shard) {
        return writer().writeValueAsString(tree(results, shard)) + "\n";
    }

    public static void write(List<RunResult> results, Writer out) throws IOException {
        try {
            out.write(toJson(results));
        } catch (JacksonException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    public static void write(List<RunResult> results, Path file) throws IOException {
        AtomicFile.write(file, toJson(results));
    }

    private static Map<String, Object> run(RunResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", r.scenario());
        m.put("file", r.file());
        m.put("driver", r.driver());
        m.put("status", r.status());
        m.put("expected", List.copyOf(r.expected()));
        m.put("violated", List.copyOf(r.violated()));
        List<Object> violations = new ArrayList<>();
        for (RecordedViolation v : r.violations()) violations.add(violation(v));
        m.put("violations", violations);
        List<Object> failures = new ArrayList<>();
        for (StepFailure f : r.stepFailures()) failures.add(stepFailure(f));
        m.put("stepFailures", failures);
        if (r.schedules() > 0) {
            m.put("schedules", r.schedules());
            if (r.schedule() != null) m.put("schedule", r.schedule());
        }
        m.put("durationMs", r.durationMs());
        return m;
    }

    private static Map<String, Object> violation(RecordedViolation v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("invariant", v.invariant());
        m.put("step", v.step());
        m.put("stepText", v.stepText());
        m.put("message", v.violation().message());
        m.put("backtrace", v.violation().backtrace());
        m.put("locksHeld", v.violation().locksHeld());
        m.put("splat", v.violation().splat());
        // Added after the original fields: the same violation at later steps (splat kept once).
        m.put("count", v.count());
        List<Object> repeats = new ArrayList<>();
        for (RecordedViolation.Repeat x : v.repeats()) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("step", x.step());
            rm.put("stepText", x.stepText());
            repeats.add(rm);
        }
        m.put("repeats", repeats);
        return m;
    }

    private static Map<String, Object> stepFailure(StepFailure f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", f.step());
        m.put("stepText", f.stepText());
        m.put("expected", f.expected());
        m.put("actual", f.actual());
        m.put("message", f.message());
        return m;
    }

    private static Map<String, Object> summary(List<RunResult> results) {
        Map<String, Object> m = new LinkedHashMap<>();
        long passed = results.stream().filter(RunResult::passed).count();
        m.put("passed", passed);
        m.put("failed", results.size() - passed);
        return m;
    }

    // "key": value rather than Jackson's default "key" : value, to match the documented example.
    private static ObjectWriter writer() {
        Separators seps = Separators.createDefaultInstance()
                .withObjectNameValueSpacing(Separators.Spacing.AFTER);
        return JsonMapper.builder().build().writer().with(new DefaultPrettyPrinter(seps));
    }
}
