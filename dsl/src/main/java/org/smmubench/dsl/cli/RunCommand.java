package org.smmubench.dsl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import io.cucumber.tagexpressions.Expression;
import io.cucumber.tagexpressions.TagExpressionException;
import io.cucumber.tagexpressions.TagExpressionParser;

import org.smmubench.bench.DriverChoice;
import org.smmubench.bench.RunOptions;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.ScenarioFileRunner;
import org.smmubench.bench.Shard;
import org.smmubench.bench.report.AtomicFile;
import org.smmubench.bench.report.ConsoleReport;
import org.smmubench.bench.report.JsonReport;
import org.smmubench.bench.report.JunitXmlReport;
import org.smmubench.bench.report.html.HtmlReport;
import org.smmubench.check.Checking;
import org.smmubench.dsl.script.GroovyFileRunner;
import org.smmubench.dsl.script.GroovyScenarioLoader;
import org.smmubench.features.FeatureFileRunner;
import org.smmubench.scenario.InputError;
import org.smmubench.scenario.Printable;
import org.smmubench.scenario.ScenarioException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code smmu-bench run}: check every file, then run every scenario on every driver and report. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        description = "Run scenario files (.yaml, .yml, .groovy, .feature) once per driver variant.",
        footer = {"", "Exit codes: 0 all passed, 1 a scenario failed,",
                "2 bad input or usage (nothing run), 3 internal error (a bug in smmu-bench)."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--driver", split = ",", paramLabel = "ID",
            description = "Driver variant id or alias (repeatable; runs every scenario on exactly these), or 'all'"
                    + " (every tree for scenarios that name none; a scenario that names its trees keeps them).")
    List<String> drivers = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Write the JSON report to FILE.")
    Path json;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write a JUnit XML report to FILE.")
    Path junit;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Write the bench's HTML report to FILE: matrix, steps, splats, topology and timeline of every run.")
    Path html;

    @Option(names = "--cucumber-html", paramLabel = "FILE",
            description = "Write Cucumber's own HTML report of the .feature files run to FILE.")
    Path cucumberHtml;

    @Option(names = "--script-timeout", paramLabel = "SECONDS",
            description = "Stop a Groovy script that runs longer than this (default: ${DEFAULT-VALUE}), as an input error at its line.")
    long scriptTimeout = GroovyScenarioLoader.DEFAULT_TIMEOUT.toSeconds();

    @Option(names = "--trace", description = "Print each run's modelled call trace, commands and splats.")
    boolean trace;

    @Option(names = "--steps", description = "Print one line per step under each run: its result and the invariants it violated.")
    boolean steps;

    @Option(names = "--name", paramLabel = "REGEX",
            description = "Run only scenarios whose name matches REGEX (found anywhere in the name).")
    Pattern name;

    @Option(names = "--tags", paramLabel = "EXPR", converter = TagsConverter.class,
            description = "Run only scenarios whose tags satisfy EXPR, a Cucumber tag expression"
                    + " ('@seed and not @slow'). Tags: Gherkin @tags, YAML and Groovy 'tags'.")
    Expression tags;

    @Option(names = "--shard", paramLabel = "K/N", converter = ShardConverter.class,
            description = "Run only the K-th of N equal, contiguous parts of the selected scenarios;"
                    + " 'smmu-bench merge' joins the N JSON reports.")
    Shard shard;

    @Option(names = "--paranoid",
            description = "Check every whole-state invariant on the whole machine after every step, instead of only what the step touched (same results, slower).")
    boolean paranoid;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Run up to N scenario x driver runs in parallel (default: the number of cores; --html runs one at a time).")
    Integer jobs;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Scenario files or directories (searched recursively).")
    List<Path> paths = new ArrayList<>();

    private final FileRunners runners;

    RunCommand(FileRunners runners) {
        this.runners = runners;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DriverChoice driverChoice = DriverOption.choice(drivers, spec.commandLine());

        if (scriptTimeout <= 0) {
            err.println("smmu-bench: --script-timeout must be a positive number of seconds, found " + scriptTimeout);
            return ExitCodes.BAD_INPUT;
        }
        if (runners.forExtension("groovy") instanceof GroovyFileRunner g) g.scriptTimeout(Duration.ofSeconds(scriptTimeout));

        ScenarioFiles.Collected collected;
        try {
            collected = ScenarioFiles.collect(paths, runners.extensions());
        } catch (UserError e) {
            err.println("smmu-bench: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        collected.warnings().forEach(w -> err.println("smmu-bench: " + w));

        List<String> badTargets = OutputTargets.check(List.of(
                new OutputTargets.Target("JSON", "--json", json),
                new OutputTargets.Target("JUnit", "--junit", junit),
                new OutputTargets.Target("HTML", "--html", html),
                new OutputTargets.Target("Cucumber HTML", "--cucumber-html", cucumberHtml)), collected.files());
        if (!badTargets.isEmpty()) {
            badTargets.forEach(m -> err.println("smmu-bench: " + m));
            return ExitCodes.BAD_INPUT;
        }

        // Every file is checked before anything runs: a typo in the tenth file must not
        // cost the time of running the first nine.
        List<ScenarioFileRunner.Prepared> prepared = new ArrayList<>();
        List<InputError> errors = new ArrayList<>();
        try (Progress loading = Progress.start("checking files", collected.files().size(),
                Progress.wanted(collected.files().size()))) {
            for (Path f : collected.files()) {
                try {
                    prepared.add(runners.forFile(f).prepare(f));
                } catch (ScenarioException e) {
                    errors.addAll(e.errors());
                }
                loading.advance(1);
            }
        }
        if (!errors.isEmpty()) return inputErrors(err, errors);
        prepared.forEach(p -> p.warnings().forEach(w -> err.println(Printable.escape(w))));

        List<List<Integer>> selected = Selection.of(prepared, name, tags, shard);
        int total = 0;
        for (int i = 0; i < prepared.size(); i++) total += prepared.get(i).count(driverChoice, selected.get(i));
        if (total == 0) {
            boolean filtered = name != null || tags != null;
            if (shard != null && Selection.of(prepared, name, tags, null).stream().anyMatch(l -> !l.isEmpty())) {
                // More shards than scenarios: this part is empty, which a CI matrix must not fail on.
                err.println("smmu-bench: shard " + shard + " has no scenario (fewer scenarios than shards)");
            } else {
                err.println("smmu-bench: no scenarios to run in " + String.join(" ", paths.stream().map(Path::toString).toList())
                        + (filtered ? " match" + filters() : ""));
                return ExitCodes.BAD_INPUT;
            }
        }

        List<RunResult> results = new ArrayList<>();
        boolean bar = Progress.wanted(total);
        // Run lines would tear a bar on the same terminal; to a file they can go as they come.
        boolean holdLines = bar && Tty.stdout();
        FeatureFileRunner features = cucumberHtml == null ? null : featureRunner();
        if (cucumberHtml != null && features == null) {
            err.println("smmu-bench: --cucumber-html needs the Gherkin runner, which this build does not have");
            return ExitCodes.BAD_INPUT;
        }
        if (features != null) features.htmlReport(cucumberHtml);
        if (jobs != null && jobs < 1) {
            err.println("smmu-bench: --jobs must be at least 1, not " + jobs);
            return ExitCodes.BAD_INPUT;
        }
        // The bench's HTML report draws each run, so only then are runs recorded.
        RunOptions options = new RunOptions(trace, html != null, paranoid ? Checking.PARANOID : Checking.defaultMode());
        List<Callable<List<RunResult>>> tasks = new ArrayList<>();
        for (int i = 0; i < prepared.size(); i++)
            if (!selected.get(i).isEmpty()) tasks.addAll(prepared.get(i).tasks(driverChoice, selected.get(i), options));
        // Cucumber's HTML report is one stream of events: feature runs must not interleave in it.
        int threads = cucumberHtml != null ? 1 : jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        try (Progress progress = Progress.start("scenarios", total, bar); ParallelRuns runs = new ParallelRuns(tasks, threads)) {
            // Results come back in task order whatever finishes first, so the report is the
            // same for any --jobs; each is printed (and its bench long gone) as soon as it is next.
            while (runs.hasNext()) {
                List<RunResult> rs = runs.next();
                results.addAll(rs);
                progress.advance(rs.size());
                if (!holdLines) print(out, rs);
            }
            if (features != null) features.close();
        } catch (ScenarioException e) {
            return inputErrors(err, e.errors());
        } catch (java.io.UncheckedIOException e) {
            err.println("smmu-bench: cannot write Cucumber's HTML report " + cucumberHtml + ": " + reason(e.getCause()));
            return ExitCodes.BAD_INPUT;
        } finally {
            // A run that did not finish leaves the previous HTML report as it was.
            if (features != null) features.abort();
        }
        if (holdLines) print(out, results);
        out.print(ConsoleReport.footer(results));
        out.flush();

        int code = results.stream().allMatch(RunResult::passed) ? ExitCodes.PASSED : ExitCodes.FAILED;
        if (json != null && !write(err, "JSON", json, () -> AtomicFile.write(json, JsonReport.toJson(results, shard))))
            code = ExitCodes.BAD_INPUT;
        if (junit != null && !write(err, "JUnit", junit, () -> JunitXmlReport.write(results, junit))) code = ExitCodes.BAD_INPUT;
        if (html != null && !write(err, "HTML", html, () -> HtmlReport.write(results, html))) code = ExitCodes.BAD_INPUT;
        return code;
    }

    private String filters() {
        List<String> f = new ArrayList<>();
        if (name != null) f.add("--name " + name.pattern());
        if (tags != null) f.add("--tags " + tags);
        return " " + String.join(" ", f);
    }

    /** The runner .feature files go to, when it is the shipped Gherkin one (it alone writes HTML). */
    private FeatureFileRunner featureRunner() {
        try {
            return runners.forFile(Path.of("x.feature")) instanceof FeatureFileRunner f ? f : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void print(PrintWriter out, List<RunResult> rs) {
        for (RunResult r : rs) out.print(ConsoleReport.run(r, trace, steps));
        out.flush();
    }

    private static int inputErrors(PrintWriter err, List<InputError> errors) {
        errors.forEach(e -> err.println(e));
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    /** {@code --tags}: a Cucumber tag expression; a malformed one is a usage error. */
    static final class TagsConverter implements CommandLine.ITypeConverter<Expression> {
        @Override
        public Expression convert(String value) {
            try {
                return TagExpressionParser.parse(value);
            } catch (TagExpressionException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --shard K/N}. */
    static final class ShardConverter implements CommandLine.ITypeConverter<Shard> {
        @Override
        public Shard convert(String value) {
            try {
                return Shard.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    private interface ReportWrite {
        void run() throws IOException;
    }

    private static boolean write(PrintWriter err, String kind, Path file, ReportWrite w) {
        try {
            w.run();
            return true;
        } catch (IOException e) {
            err.println("smmu-bench: cannot write " + kind + " report " + file + ": " + reason(e));
            return false;
        }
    }

    // The exception's own message repeats the path; say only what went wrong.
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) return "no such directory";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof FileSystemException fse && fse.getReason() != null) return fse.getReason();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
