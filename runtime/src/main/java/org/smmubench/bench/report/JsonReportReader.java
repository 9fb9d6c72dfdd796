package org.smmubench.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.smmubench.bench.RecordedViolation;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.Shard;
import org.smmubench.bench.StepFailure;
import org.smmubench.kernel.Violation;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@code --json} report back into results, for {@code smmu-bench merge}: every field
 * {@link JsonReport} writes is read, so the merged JSON and JUnit reports are the ones a
 * single run would have written (the trace and --steps lines are not in the JSON and do not
 * come back; neither report prints them).
 */
public final class JsonReportReader {
    /** A report: its runs, and its shard when it came from {@code run --shard}. */
    public record Report(List<RunResult> results, Shard shard) {}

    /** Not a report this bench wrote; the message says what is wrong. */
    public static final class NotAReport extends Exception {
        public NotAReport(String message) { super(message); }
    }

    private JsonReportReader() {}

    public static Report read(Path file) throws IOException, NotAReport {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(Files.readString(file));
        } catch (JacksonException e) {
            throw new NotAReport("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("results").isArray())
            throw new NotAReport("not a smmu-bench JSON report (no \"results\" list)");
        List<RunResult> out = new ArrayList<>();
        int i = 0;
        for (JsonNode r : root.get("results")) out.add(run(r, "results[" + i++ + "]"));
        Shard shard = null;
        JsonNode sh = root.get("shard");
        if (sh != null) {
            try {
                shard = new Shard(sh.path("index").asInt(0), sh.path("count").asInt(0));
            } catch (IllegalArgumentException e) {
                throw new NotAReport("bad \"shard\": " + e.getMessage());
            }
        }
        return new Report(out, shard);
    }

    private static RunResult run(JsonNode r, String at) throws NotAReport {
        List<RecordedViolation> violations = new ArrayList<>();
        for (JsonNode v : list(r, "violations", at)) violations.add(violation(v, at));
        List<StepFailure> failures = new ArrayList<>();
        for (JsonNode f : list(r, "stepFailures", at))
            failures.add(new StepFailure(f.path("step").asInt(), text(f, "stepText", at), text(f, "expected", at),
                    text(f, "actual", at), text(f, "message", at)));
        // "schedules"/"schedule" are there only for a scenario with a parallel: step.
        JsonNode schedule = r.path("schedule");
        return new RunResult(text(r, "scenario", at), text(r, "file", at), text(r, "driver", at), text(r, "status", at),
                strings(r, "expected", at), strings(r, "violated", at), violations, failures, List.of(),
                r.path("durationMs").asLong(), List.of(), null, r.path("schedules").asInt(0),
                schedule.isMissingNode() || schedule.isNull() ? null : schedule.asString());
    }

    private static RecordedViolation violation(JsonNode v, String at) throws NotAReport {
        Violation kv = new Violation(text(v, "invariant", at), text(v, "message", at),
                stringList(v, "backtrace", at), stringList(v, "locksHeld", at),
                text(v, "splat", at));
        RecordedViolation rv = new RecordedViolation(v.path("step").asInt(), text(v, "stepText", at), kv);
        // Reports written before repeats were counted have no "repeats": nothing repeated.
        for (JsonNode x : v.path("repeats")) rv = rv.repeatedAt(x.path("step").asInt(), x.path("stepText").asString(""));
        return rv;
    }

    private static Iterable<JsonNode> list(JsonNode n, String key, String at) throws NotAReport {
        JsonNode l = n.get(key);
        if (l == null || !l.isArray()) throw new NotAReport(at + ": no \"" + key + "\" list");
        return l;
    }

    private static String text(JsonNode n, String key, String at) throws NotAReport {
        JsonNode t = n.get(key);
        if (t == null) throw new NotAReport(at + ": no \"" + key + "\"");
        return t.isNull() ? null : t.asString();
    }

    private static Set<String> strings(JsonNode n, String key, String at) throws NotAReport {
        return new TreeSet<>(stringList(n, key, at));
    }

    private static List<String> stringList(JsonNode n, String key, String at) throws NotAReport {
        List<String> out = new ArrayList<>();
        for (JsonNode s : list(n, key, at)) out.add(s.asString());
        return out;
    }
}
