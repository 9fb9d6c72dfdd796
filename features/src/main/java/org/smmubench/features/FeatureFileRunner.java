package org.smmubench.features;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.cucumber.plugin.Plugin;

import org.smmubench.bench.RunResult;
import org.smmubench.bench.ScenarioFileRunner;
import org.smmubench.check.Checking;

/**
 * Runs Gherkin feature files (interface.md §6) for {@code smmu-bench run}: each Gherkin
 * scenario (each Examples row of an outline) is one result, on the driver its
 * {@code Given the … driver} step names (default fixed), or once per {@code --driver}.
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
        int scenarios = FeatureCheck.check(file, display, uri);
        return new Prepared() {
            @Override
            public int count(List<String> driverOverride) { return scenarios * Math.max(1, driverOverride.size()); }

            @Override
            public List<RunResult> run(List<String> driverOverride, boolean trace) {
                return runFeature(uri, display, driverOverride, trace, Checking.defaultMode());
            }

            /** One task per feature file: its results are merged across drivers, scenario by scenario. */
            @Override
            public List<Callable<List<RunResult>>> tasks(List<String> driverOverride, boolean trace, Checking checking) {
                return List.of(() -> runFeature(uri, display, driverOverride, trace, checking));
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

    private List<RunResult> runFeature(URI uri, String display, List<String> driverOverride, boolean trace, Checking checking) {
        List<String> drivers = driverOverride.isEmpty() ? java.util.Collections.singletonList(null) : driverOverride;
        List<List<RunResult>> perDriver = new ArrayList<>();
        for (String driver : drivers) {
            RunContext ctx = new RunContext(driver, trace, Map.of(uri, display), checking);
            ResultCollector collector = new ResultCollector(ctx);
            List<Plugin> plugins = new ArrayList<>(List.of(collector));
            HtmlReport report = html();
            if (report != null) plugins.add(report.listener());
            CucumberRun.run(List.of(uri), ctx, false, plugins);
            perDriver.add(collector.results());
        }
        return distinctNames(scenarioMajor(perDriver));
    }

    /** Each scenario on every driver before the next scenario, as the YAML runner orders them. */
    private static List<RunResult> scenarioMajor(List<List<RunResult>> perDriver) {
        List<RunResult> out = new ArrayList<>();
        int n = perDriver.get(0).size();
        if (perDriver.stream().anyMatch(l -> l.size() != n)) {
            perDriver.forEach(out::addAll);
            return out;
        }
        for (int i = 0; i < n; i++) for (List<RunResult> l : perDriver) out.add(l.get(i));
        return out;
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
            out.add(new RunResult(r.scenario() + " #" + n, r.file(), r.driver(), r.status(), r.expected(), r.violated(),
                    r.violations(), r.stepFailures(), r.trace(), r.durationMs()));
        }
        return out;
    }
}
