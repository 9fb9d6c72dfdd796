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

import org.smmubench.bench.RunResult;
import org.smmubench.bench.ScenarioFileRunner;
import org.smmubench.bench.report.ConsoleReport;
import org.smmubench.bench.report.JsonReport;
import org.smmubench.bench.report.JunitXmlReport;
import org.smmubench.dsl.script.GroovyFileRunner;
import org.smmubench.dsl.script.GroovyScenarioLoader;
import org.smmubench.features.FeatureFileRunner;
import org.smmubench.scenario.InputError;
import org.smmubench.scenario.Printable;
import org.smmubench.scenario.ScenarioException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code smmu-bench run}: check every file, then run every scenario on every driver and report. */
@Command(name = "run", sortOptions = false,
        description = "Run scenario files (.yaml, .yml, .groovy, .feature) once per driver variant.",
        footer = {"", "Exit codes: 0 all passed, 1 a scenario failed,",
                "2 bad input or usage (nothing run), 3 internal error (a bug in smmu-bench)."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--driver", split = ",", paramLabel = "ID",
            description = "Driver variant id or alias, or 'all' (repeatable; overrides the files' drivers).")
    List<String> drivers = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Write the JSON report to FILE.")
    Path json;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write a JUnit XML report to FILE.")
    Path junit;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Write Cucumber's HTML report of the .feature files run to FILE.")
    Path html;

    @Option(names = "--script-timeout", paramLabel = "SECONDS",
            description = "Stop a Groovy script that runs longer than this (default: ${DEFAULT-VALUE}), as an input error at its line.")
    long scriptTimeout = GroovyScenarioLoader.DEFAULT_TIMEOUT.toSeconds();

    @Option(names = "--trace", description = "Print each run's modelled call trace, commands and splats.")
    boolean trace;

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
        List<String> driverIds = DriverOption.canonical(drivers, spec.commandLine(), true);

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
                new OutputTargets.Target("HTML", "--html", html)), collected.files());
        if (!badTargets.isEmpty()) {
            badTargets.forEach(m -> err.println("smmu-bench: " + m));
            return ExitCodes.BAD_INPUT;
        }

        // Every file is checked before anything runs: a typo in the tenth file must not
        // cost the time of running the first nine.
        List<ScenarioFileRunner.Prepared> prepared = new ArrayList<>();
        List<InputError> errors = new ArrayList<>();
        for (Path f : collected.files()) {
            try {
                prepared.add(runners.forFile(f).prepare(f));
            } catch (ScenarioException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) return inputErrors(err, errors);
        prepared.forEach(p -> p.warnings().forEach(w -> err.println(Printable.escape(w))));

        int total = prepared.stream().mapToInt(p -> p.count(driverIds)).sum();
        if (total == 0) {
            err.println("smmu-bench: no scenarios to run in " + String.join(" ", paths.stream().map(Path::toString).toList()));
            return ExitCodes.BAD_INPUT;
        }

        List<RunResult> results = new ArrayList<>();
        boolean bar = Progress.wanted(total);
        FeatureFileRunner features = html == null ? null : featureRunner();
        if (html != null && features == null) {
            err.println("smmu-bench: --html needs the Gherkin runner, which this build does not have");
            return ExitCodes.BAD_INPUT;
        }
        try (Progress progress = Progress.start(total, bar)) {
            if (features != null) features.htmlReport(html);
            for (ScenarioFileRunner.Prepared p : prepared) {
                List<RunResult> rs = p.run(driverIds, trace);
                results.addAll(rs);
                progress.advance(rs.size());
                // Lines appear as files finish, except under a bar, which they would tear.
                if (!bar) print(out, rs);
            }
            if (features != null) features.close();
        } catch (ScenarioException e) {
            return inputErrors(err, e.errors());
        } catch (java.io.UncheckedIOException e) {
            err.println("smmu-bench: cannot write HTML report " + html + ": " + reason(e.getCause()));
            return ExitCodes.BAD_INPUT;
        } finally {
            // A run that did not finish leaves the previous HTML report as it was.
            if (features != null) features.abort();
        }
        if (bar) print(out, results);
        out.print(ConsoleReport.footer(results));
        out.flush();

        int code = results.stream().allMatch(RunResult::passed) ? ExitCodes.PASSED : ExitCodes.FAILED;
        if (json != null && !write(err, "JSON", json, () -> JsonReport.write(results, json))) code = ExitCodes.BAD_INPUT;
        if (junit != null && !write(err, "JUnit", junit, () -> JunitXmlReport.write(results, junit))) code = ExitCodes.BAD_INPUT;
        return code;
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
        for (RunResult r : rs) out.print(ConsoleReport.run(r, trace));
        out.flush();
    }

    private static int inputErrors(PrintWriter err, List<InputError> errors) {
        errors.forEach(e -> err.println(e));
        err.flush();
        return ExitCodes.BAD_INPUT;
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
