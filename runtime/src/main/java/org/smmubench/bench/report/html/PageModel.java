package org.smmubench.bench.report.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.smmubench.bench.RecordedStep;
import org.smmubench.bench.RecordedViolation;
import org.smmubench.bench.RunRecording;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.StepFailure;
import org.smmubench.bench.Topology;

/**
 * What the page template shows, computed from the runs: the scenario x tree matrix, each
 * run's steps, violations and timeline, and, for a scenario run on several trees, the trees
 * side by side step by step. Also the data the page's script draws topology pictures from.
 * Everything here is in the order of the runs, so identical runs give an identical page.
 */
final class PageModel {
    private PageModel() {}

    record Page(int total, int passed, int failed, List<String> drivers, List<Row> rows, List<RunView> runs,
                List<Compare> compares, boolean hasCompares) {}

    /** {@code statuses}: the statuses of its cells, for the status filter. */
    record Row(String scenario, String file, List<Cell> cells, String statuses) {}

    record Cell(boolean present, String runId, String driver, String status, String violated) {}

    record RunView(String id, String scenario, String file, String driver, String status, boolean passed,
                   String expected, String violated, String verdict, List<String> failures, boolean hasFailures,
                   List<ViolationView> violations, boolean hasViolations, boolean recorded, List<StepView> steps,
                   String timelineSvg) {}

    record ViolationView(String invariant, String where, String message, String splat, boolean hasSplat) {}

    /** {@code chosen}: the step the topology shows when the page opens (the end of the run). */
    record StepView(int index, String label, String result, String detail, String violations, boolean hasViolations,
                    boolean failed, boolean chosen) {}

    record Compare(String id, String scenario, String file, List<CompareColumn> columns, List<CompareRow> rows) {}

    record CompareColumn(String runId, String driver, String status) {}

    record CompareRow(int index, String label, List<CompareCell> cells, boolean differs, boolean chosen) {}

    record CompareCell(String result, String violations, boolean hasViolations) {}

    static Page page(List<RunResult> results) {
        List<String> drivers = new ArrayList<>(new LinkedHashSet<>(results.stream().map(RunResult::driver).toList()));
        Map<String, List<Integer>> byScenario = new LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) byScenario.computeIfAbsent(key(results.get(i)), k -> new ArrayList<>()).add(i);

        List<RunView> runs = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) runs.add(run(runId(i), results.get(i)));

        List<Row> rows = new ArrayList<>();
        List<Compare> compares = new ArrayList<>();
        for (List<Integer> idx : byScenario.values()) {
            RunResult first = results.get(idx.get(0));
            List<Cell> cells = new ArrayList<>();
            Set<String> statuses = new TreeSet<>();
            for (String d : drivers) {
                Integer hit = null;
                for (int i : idx) if (results.get(i).driver().equals(d)) hit = hit == null ? i : hit;
                if (hit == null) {
                    cells.add(new Cell(false, "", d, "", ""));
                    continue;
                }
                RunResult r = results.get(hit);
                statuses.add(r.status());
                cells.add(new Cell(true, runId(hit), d, r.status(), r.violated().isEmpty() ? "-" : String.join(", ", r.violated())));
            }
            rows.add(new Row(first.scenario(), first.file(), cells, String.join(" ", statuses)));
            if (idx.size() > 1) compares.add(compare("cmp-" + compares.size(), idx, results));
        }
        long passed = results.stream().filter(RunResult::passed).count();
        return new Page(results.size(), (int) passed, results.size() - (int) passed, drivers, rows, runs, compares, !compares.isEmpty());
    }

    static String runId(int i) { return "run-" + i; }

    private static String key(RunResult r) { return r.file() + "\u0000" + r.scenario(); }

    private static RunView run(String id, RunResult r) {
        List<String> failures = new ArrayList<>();
        for (StepFailure f : r.stepFailures()) failures.add(f.message());
        List<ViolationView> vs = new ArrayList<>();
        for (RecordedViolation v : r.violations()) {
            String splat = v.violation().splat();
            String where = v.step() > 0 ? "step " + v.step() + " (" + v.stepText() + ")"
                    : v.step() < 0 ? "teardown" : "setup (" + v.stepText() + ")";
            vs.add(new ViolationView(v.invariant(), where, v.violation().message(), splat == null ? "" : splat,
                    splat != null && !splat.isBlank()));
        }
        RunRecording rec = r.recording();
        List<StepView> steps = new ArrayList<>();
        if (rec != null) {
            // A failure names its step by number and text; Gherkin numbers its own steps (Then
            // steps included), so only a failure whose text is the bench step's marks the row.
            Set<String> failedSteps = new TreeSet<>();
            r.stepFailures().forEach(f -> failedSteps.add(f.step() + "\u0000" + f.stepText()));
            List<RecordedStep> rs = rec.steps();
            int end = endOfRun(rs);
            for (int i = 0; i < rs.size(); i++) {
                RecordedStep s = rs.get(i);
                steps.add(new StepView(i, TimelineSvg.stepLabel(s), s.result() == null ? "" : s.result(),
                        s.detail() == null ? "" : s.detail(), String.join(", ", s.violations()), !s.violations().isEmpty(),
                        s.no() > 0 && failedSteps.contains(s.no() + "\u0000" + s.text()), i == end));
            }
        }
        return new RunView(id, r.scenario(), r.file(), r.driver(), r.status(), r.passed(), list(r.expected()), list(r.violated()),
                verdict(r), failures, !failures.isEmpty(), vs, !vs.isEmpty(), rec != null, steps,
                rec == null ? "" : TimelineSvg.render(rec, id));
    }

    /**
     * The step whose topology is "the state at the end of the run": the last step before
     * teardown, since teardown releases everything and leaves little to look at.
     */
    static int endOfRun(List<RecordedStep> steps) {
        for (int i = steps.size() - 1; i >= 0; i--) if (steps.get(i).no() >= 0) return i;
        return steps.size() - 1;
    }

    /** Expected against violated, in words: what made a failed run fail. */
    private static String verdict(RunResult r) {
        Set<String> unexpected = new TreeSet<>(r.violated());
        unexpected.removeAll(r.expected());
        Set<String> missing = new TreeSet<>(r.expected());
        missing.removeAll(r.violated());
        List<String> parts = new ArrayList<>();
        if (!unexpected.isEmpty()) parts.add("unexpected " + String.join(", ", unexpected));
        if (!missing.isEmpty()) parts.add("missing " + String.join(", ", missing));
        if (!r.stepFailures().isEmpty()) parts.add(r.stepFailures().size() + " step(s) did not meet their expect");
        return parts.isEmpty() ? "as expected" : String.join("; ", parts);
    }

    private static Compare compare(String id, List<Integer> idx, List<RunResult> results) {
        List<CompareColumn> cols = new ArrayList<>();
        int steps = 0;
        int end = -1;
        for (int i : idx) {
            RunResult r = results.get(i);
            cols.add(new CompareColumn(runId(i), r.driver(), r.status()));
            if (r.recording() == null) continue;
            steps = Math.max(steps, r.recording().steps().size());
            if (end < 0) end = endOfRun(r.recording().steps());
        }
        List<CompareRow> rows = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            String label = "";
            List<CompareCell> cells = new ArrayList<>();
            Set<String> distinct = new LinkedHashSet<>();
            for (int i : idx) {
                RunRecording rec = results.get(i).recording();
                if (rec == null || s >= rec.steps().size()) {
                    cells.add(new CompareCell("", "", false));
                    distinct.add("\u0000absent");
                    continue;
                }
                RecordedStep st = rec.steps().get(s);
                if (label.isEmpty()) label = TimelineSvg.stepLabel(st);
                String v = String.join(", ", st.violations());
                String result = st.result() == null ? "" : st.result();
                cells.add(new CompareCell(result, v, !v.isEmpty()));
                distinct.add(result + "\u0000" + v);
            }
            rows.add(new CompareRow(s, label, cells, distinct.size() > 1, s == end));
        }
        RunResult first = results.get(idx.get(0));
        return new Compare(id, first.scenario(), first.file(), cols, rows);
    }

    private static String list(Set<String> ids) { return "[" + String.join(", ", ids) + "]"; }

    /** The topology snapshots the page's script draws, by run id and step index. */
    static Map<String, Object> data(List<RunResult> results) {
        Map<String, Object> runs = new LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) {
            RunRecording rec = results.get(i).recording();
            if (rec == null) continue;
            List<Object> steps = new ArrayList<>();
            for (RecordedStep s : rec.steps()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("label", TimelineSvg.stepLabel(s));
                m.put("topology", topology(s.topology()));
                steps.add(m);
            }
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("driver", results.get(i).driver());
            run.put("steps", steps);
            runs.put(runId(i), run);
        }
        return Map.of("runs", runs);
    }

    private static Map<String, Object> topology(Topology t) {
        List<Object> nodes = new ArrayList<>();
        for (Topology.Node n : t.nodes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", n.id());
            m.put("kind", n.kind());
            m.put("label", n.label());
            m.put("detail", n.detail());
            if (!n.problem().isEmpty()) m.put("problem", n.problem());
            nodes.add(m);
        }
        List<Object> edges = new ArrayList<>();
        for (Topology.Edge e : t.edges()) edges.add(List.of(e.from(), e.to(), e.label()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodes", nodes);
        m.put("edges", edges);
        return m;
    }
}
