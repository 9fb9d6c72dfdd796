package org.smmubench.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.smmubench.bench.RecordedViolation;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.StepFailure;
import org.smmubench.bench.StepLine;
import org.smmubench.driver.tree.DriverVariantInfo;
import org.smmubench.driver.tree.DriverVariants;

/**
 * What {@code smmu-bench run} prints on stdout: one line per scenario x driver (with, for a
 * failed run, why it failed and the splats, as the kernel printed them), a scenario x driver
 * matrix, and the summary {@code N passed, N failed} as the very last line so scripts can
 * {@code tail -1} it. Every method returns text ending in a newline.
 */
public final class ConsoleReport {
    /** Continuation lines sit under the driver column, so a failed run reads as one block. */
    static final String INDENT = "      ";
    private static final int MAX_LABEL = 60;

    private ConsoleReport() {}

    /**
     * One run: its line; for a failed run the reasons and every violation with its splat;
     * with {@code trace} the violations of passed runs too, then the modelled call trace.
     */
    public static String run(RunResult r, boolean trace) {
        return run(r, trace, false);
    }

    /** As {@link #run(RunResult, boolean)}, with {@code steps} one line per step under the run's line. */
    public static String run(RunResult r, boolean trace, boolean steps) {
        StringBuilder sb = new StringBuilder(line(r));
        if (steps) sb.append(steps(r));
        if (!r.passed()) sb.append(reasons(r));
        if (!r.passed() || trace) sb.append(violations(r));
        if (trace && !r.trace().isEmpty()) {
            sb.append(INDENT).append("trace:\n");
            for (String t : r.trace()) sb.append(INDENT).append("  ").append(t).append('\n');
        }
        return sb.toString();
    }

    /** {@code PASS  v6.8-b5bf7778b722  examples/seed/leaf-at-1024.yaml  first SVA bind ...  [atomic-sleep]}. */
    public static String line(RunResult r) {
        String driver = r.driver() + " ".repeat(Math.max(0, driverWidth() - r.driver().length()));
        return (r.passed() ? "PASS" : "FAIL") + "  " + driver + "  " + r.file() + "  " + r.scenario()
                + "  " + set(r.violated()) + "\n";
    }

    /**
     * {@code run --steps}: one line per step, {@code step N: text -> result}, then
     * {@code , expected X} when it did not meet its expectation, and the invariants it
     * violated for the first time ({@code new:}) or again ({@code again:}).
     */
    public static String steps(RunResult r) {
        StringBuilder sb = new StringBuilder();
        for (StepLine l : r.steps()) {
            sb.append(INDENT).append("step ").append(l.step()).append(": ").append(l.text()).append(" -> ").append(l.result());
            if (l.failed()) sb.append(", expected ").append(l.unmet());
            if (!l.raised().isEmpty()) sb.append("  new: ").append(String.join(", ", l.raised()));
            if (!l.again().isEmpty()) sb.append("  again: ").append(String.join(", ", l.again()));
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Why a run failed: the expected and violated sets when they differ, then each failed step. */
    public static String reasons(RunResult r) {
        StringBuilder sb = new StringBuilder();
        if (!r.expected().equals(r.violated())) {
            Set<String> missing = new TreeSet<>(r.expected());
            missing.removeAll(r.violated());
            Set<String> unexpected = new TreeSet<>(r.violated());
            unexpected.removeAll(r.expected());
            sb.append(INDENT).append("expected ").append(set(r.expected()))
                    .append(", violated ").append(set(r.violated()));
            List<String> diff = new ArrayList<>();
            if (!unexpected.isEmpty()) diff.add("unexpected " + String.join(", ", unexpected));
            if (!missing.isEmpty()) diff.add("missing " + String.join(", ", missing));
            sb.append(" (").append(String.join("; ", diff)).append(")\n");
        }
        // The runner's message already names the step, where it is written and what happened;
        // the fields are the fallback for runners that leave it empty.
        for (StepFailure f : r.stepFailures()) {
            String msg = f.message() == null || f.message().isBlank()
                    ? "step " + f.step() + " (" + f.stepText() + "): expected " + f.expected() + ", got " + f.actual()
                    : f.message();
            sb.append(INDENT).append(msg).append('\n');
        }
        if (r.schedule() != null)
            sb.append(INDENT).append("failing interleaving (of ").append(r.schedules()).append(" run): ").append(r.schedule())
                    .append("  (pin it with schedule: \"").append(r.schedule()).append("\")\n");
        else if (r.schedules() > 0)
            sb.append(INDENT).append(r.schedules()).append(" interleavings run").append('\n');
        return sb.toString();
    }

    /**
     * Each violation as {@code step N (text): invariant: message}, followed by its splat
     * verbatim: kernel developers compare it with dmesg, so it is not re-indented.
     */
    public static String violations(RunResult r) {
        StringBuilder sb = new StringBuilder();
        for (RecordedViolation v : r.violations()) {
            sb.append(INDENT).append(violationLine(v)).append('\n');
            String splat = v.violation().splat();
            if (!splat.isEmpty()) {
                sb.append(splat);
                if (!splat.endsWith("\n")) sb.append('\n');
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Rows are scenarios (in the order first run), columns drivers (known variants in
     * catalogue order, then any others); a cell lists the invariants violated, '-' for none,
     * '*' in front marks a failed run, blank where the scenario did not run on that driver.
     */
    public static String matrix(List<RunResult> results) {
        if (results.isEmpty()) return "";
        List<String> drivers = driverColumns(results);
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (RunResult r : results) {
            String key = r.file() + "\u0000" + r.scenario();
            labels.putIfAbsent(key, r.scenario());
            String cell = (r.passed() ? "" : "*") + (r.violated().isEmpty() ? "-" : String.join(",", r.violated()));
            rows.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(r.driver(), cell, (a, b) -> a + " " + b);
        }
        disambiguate(labels);
        List<String> header = new ArrayList<>();
        header.add("SCENARIO");
        header.addAll(drivers);
        TextTable t = new TextTable(header);
        for (var e : rows.entrySet()) {
            List<String> cells = new ArrayList<>();
            cells.add(labels.get(e.getKey()));
            for (String d : drivers) cells.add(e.getValue().getOrDefault(d, ""));
            t.row(cells);
        }
        String legend = results.stream().allMatch(RunResult::passed) ? ""
                : "* failed: violations differ from the expectation, or a step did not meet its expect\n";
        return t.render() + legend;
    }

    /** The last line of every run: {@code N passed, N failed}. */
    public static String summary(List<RunResult> results) {
        long passed = results.stream().filter(RunResult::passed).count();
        return passed + " passed, " + (results.size() - passed) + " failed\n";
    }

    /** Everything after the per-run lines: a blank line, the matrix, a blank line, the summary. */
    public static String footer(List<RunResult> results) {
        String m = matrix(results);
        return (m.isEmpty() ? "" : "\n" + m + "\n") + summary(results);
    }

    static String set(Set<String> ids) {
        return "[" + String.join(", ", ids) + "]";
    }

    /**
     * {@code step N (text): invariant: message}, and for a violation that happened again
     * {@code  (3 times; again at step 8 (text), step 12 (text))}: its splat is printed once,
     * as the kernel prints it once.
     */
    public static String violationLine(RecordedViolation v) {
        String line = stepLabel(v.step(), v.stepText()) + ": " + v.invariant() + ": " + v.violation().message();
        if (v.repeats().isEmpty()) return line;
        return line + " (" + v.count() + " times; again at " + String.join(", ",
                v.repeats().stream().map(x -> stepLabel(x.step(), x.stepText())).toList()) + ")";
    }

    private static String stepLabel(int step, String text) {
        return step == 0 ? "setup" : "step " + step + " (" + text + ")";
    }

    private static int driverWidth() {
        return DriverVariants.all().stream().mapToInt(v -> v.id().length()).max().orElse(0);
    }

    private static List<String> driverColumns(List<RunResult> results) {
        List<String> out = new ArrayList<>();
        for (DriverVariantInfo v : DriverVariants.all())
            if (results.stream().anyMatch(r -> r.driver().equals(v.id()))) out.add(v.id());
        for (RunResult r : results) if (!out.contains(r.driver())) out.add(r.driver());
        return out;
    }

    // Scenario names are usually unique; when two files reuse one, show the file too. Every
    // label, with or without its file, is cut to the same width, so the column lines up.
    private static void disambiguate(Map<String, String> labels) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (String l : labels.values()) seen.merge(shorten(l), 1, Integer::sum);
        for (var e : labels.entrySet()) {
            String name = e.getValue();
            String file = e.getKey().substring(0, e.getKey().indexOf('\u0000'));
            e.setValue(shorten(seen.get(shorten(name)) > 1 ? file + ": " + name : name));
        }
    }

    private static String shorten(String s) {
        return s.length() <= MAX_LABEL ? s : s.substring(0, MAX_LABEL - 3) + "...";
    }
}
