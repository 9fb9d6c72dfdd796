package org.smmubench.features;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.cucumber.plugin.Plugin;

import org.smmubench.bench.DriverChoice;
import org.smmubench.bench.RunOptions;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.ScenarioFileRunner;
import org.smmubench.bench.ScenarioInfo;
import org.smmubench.check.Checking;

/**
 * Runs Gherkin feature files for {@code smmu-bench run}: each Gherkin scenario (each
 * Examples row of an outline) is one result per tree {@link DriverChoice} gives it; the
 * tree a scenario names is the one its {@code Given the … driver} step pins.
 * Registered in META-INF/services; the CLI finds it by the {@code feature} extension.
 *
 * <p>Cucumber's HTML report: call {@link #htmlReport(Path)} before running and
 * {@link #close()} after the last run; every feature this runner runs lands in that one file.
 */
public final class FeatureFileRunner implements ScenarioFileRunner, AutoCloseable {
    private HtmlReport html;

    @Override
    public List<String> extensions() { return List.of("feature"); }

    @Override
    public Prepared prepare(Path file) {
        String display = file.toString();
        URI uri = file.toAbsolutePath().normalize().toUri();
        List<FeatureCheck.Pickled> pickles = FeatureCheck.check(file, display, uri);
        List<ScenarioInfo> infos = pickles.stream().map(FeatureCheck.Pickled::info).toList();
        return new Prepared() {
            @Override
            public List<ScenarioInfo> scenarios() { return infos; }

            @Override
            public List<Callable<List<RunResult>>> tasks(DriverChoice drivers, List<Integer> selected, RunOptions options) {
                // One task per feature file: its results are merged across trees, scenario by scenario.
                return List.of(() -> runFeature(uri, display, pickles, drivers, selected, options));
            }
        };
    }

    /** Also write Cucumber's HTML report of every feature run from now on to {@code file} (finished by {@link #close()}). */
    public synchronized void htmlReport(Path file) {
        if (html != null) throw new IllegalStateException("the HTML report is already going to " + html.file());
        html = new HtmlReport(file);
    }

    private synchronized HtmlReport html() { return html; }

    /** Finishes the HTML report, if one was asked for. */
    @Override
    public synchronized void close() {
        if (html != null) html.close();
        html = null;
    }

    /** Drops the HTML report being written (the run failed): the previous file stays whole. */
    public synchronized void abort() {
        if (html != null) html.abort();
        html = null;
    }

    /**
     * One Cucumber run per tree (the tree a step or {@code --driver} gives decides the
     * bench), over the lines of the scenarios that go to that tree; results then put back
     * in scenario order, each scenario's trees in {@link DriverChoice#treesFor} order.
     */
    private List<RunResult> runFeature(URI uri, String display, List<FeatureCheck.Pickled> pickles,
                                       DriverChoice drivers, List<Integer> selected, RunOptions options) {
        Map<Integer, Integer> indexByLine = new HashMap<>();
        for (int i : selected) indexByLine.put(pickles.get(i).line(), i);
        List<String> runs = drivers.overrides() || drivers.all() ? treesOfRuns(drivers, pickles, selected)
                : java.util.Collections.singletonList(null);
        List<Ordered> out = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            String tree = runs.get(r);
            List<Integer> lines = new ArrayList<>();
            for (int i : selected)
                if (tree == null || drivers.treesFor(pickles.get(i).info().ownTrees()).contains(tree))
                    lines.add(pickles.get(i).line());
            // No lines would mean "the whole file" to Cucumber.
            if (lines.isEmpty()) continue;
            RunContext ctx = new RunContext(tree, options.trace(), options.record(), Map.of(uri, display), options.checking());
            ResultCollector collector = new ResultCollector(ctx);
            List<Plugin> plugins = new ArrayList<>(List.of(collector));
            HtmlReport report = html();
            if (report != null) plugins.add(report.listener());
            CucumberRun.run(uri, lines, ctx, plugins);
            List<RunResult> rs = collector.results();
            List<Integer> ls = collector.lines();
            for (int k = 0; k < rs.size(); k++) out.add(new Ordered(indexByLine.getOrDefault(ls.get(k), -1), r, rs.get(k)));
        }
        out.sort(java.util.Comparator.comparingInt(Ordered::scenario).thenComparingInt(Ordered::run));
        return distinctNames(out.stream().map(Ordered::result).toList());
    }

    private record Ordered(int scenario, int run, RunResult result) {}

    /** Every tree some selected scenario goes to, in the order the choice lists them. */
    private static List<String> treesOfRuns(DriverChoice drivers, List<FeatureCheck.Pickled> pickles, List<Integer> selected) {
        List<String> trees = new ArrayList<>(drivers.treesFor(List.of()));
        for (int i : selected)
            for (String t : drivers.treesFor(pickles.get(i).info().ownTrees())) if (!trees.contains(t)) trees.add(t);
        return trees;
    }

    /**
     * Examples rows of an outline share a name; rows that also share a driver would be one
     * cell of the matrix, so they get their row's ordinal ("name #2").
     */
    static List<RunResult> distinctNames(List<RunResult> results) {
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        for (RunResult r : results) total.merge(r.scenario() + "\0" + r.driver(), 1, Integer::sum);
        List<RunResult> out = new ArrayList<>();
        for (RunResult r : results) {
            String key = r.scenario() + "\0" + r.driver();
            if (total.get(key) == 1) {
                out.add(r);
                continue;
            }
            int n = seen.merge(key, 1, Integer::sum);
            out.add(r.renamed(r.scenario() + " #" + n));
        }
        return out;
    }
}
