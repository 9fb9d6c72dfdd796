package org.smmubench.dsl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.smmubench.driver.tree.DriverVariantInfo;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.explore.Explorer;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code smmu-bench explore}: generated scenarios, run with every invariant, until something
 * breaks; each finding is shrunk and written as a regression scenario.
 */
@Command(name = "explore", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        description = "Generate scenarios from a seed, run them, and shrink what breaks into regression files.",
        footer = {"", "The same seed and --runs give the same findings and files, byte for byte;",
                "--budget only decides how far a run gets.",
                "Exit codes: 0 nothing found, 1 a finding was written, 2 bad usage, 3 internal error."})
final class ExploreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--driver", split = ",", paramLabel = "TREE",
            description = "Driver tree to explore (repeatable, or 'all'; default: every tree).")
    List<String> drivers = new ArrayList<>();

    @Option(names = "--against", paramLabel = "TREE",
            description = "Reference tree: only what it does not also give is a finding (default: any violation).")
    String against;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the scenario sequence (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--runs", paramLabel = "N", description = "Scenarios to generate at most (default: ${DEFAULT-VALUE}).")
    int runs = 1000;

    @Option(names = "--budget", paramLabel = "SECONDS", description = "Stop generating after this long (shrinking still finishes).")
    Double budget;

    @Option(names = "--steps", paramLabel = "N", description = "Steps per scenario at most (default: ${DEFAULT-VALUE}).")
    int steps = Explorer.DEFAULT_STEPS;

    @Option(names = "--out", paramLabel = "DIR", description = "Where shrunk findings are written (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("explore-out");

    @Option(names = "--interleavings", description = "Also generate parallel: steps; each scenario then runs every interleaving within two preemptions.")
    boolean interleavings;

    @Option(names = "--keep-going", description = "Collect every distinct finding (by tree, invariant and function) instead of stopping at the first.")
    boolean keepGoing;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CommandLine cl = spec.commandLine();
        List<String> trees = DriverOption.canonical(drivers, cl, true);
        if (trees.isEmpty()) trees = DriverVariants.all().stream().map(DriverVariantInfo::id).toList();
        String reference = null;
        if (against != null) {
            reference = DriverOption.canonical(List.of(against), cl, false).get(0);
            String ref = reference;
            trees = trees.stream().filter(t -> !t.equals(ref)).toList();
            if (trees.isEmpty()) throw new CommandLine.ParameterException(cl, "--against " + against + " leaves no tree to explore");
        }
        if (runs < 1) throw new CommandLine.ParameterException(cl, "--runs must be at least 1, found " + runs);
        if (steps < 1) throw new CommandLine.ParameterException(cl, "--steps must be at least 1, found " + steps);
        if (budget != null && !(budget > 0)) throw new CommandLine.ParameterException(cl, "--budget must be a positive number of seconds, found " + budget);

        Explorer.Options options = new Explorer.Options(trees, reference, seed, runs, Optional.ofNullable(budget), steps, out, keepGoing, interleavings);
        stdout.println("explore: seed " + seed + ", up to " + runs + " scenario(s) of up to " + steps + " step(s) on "
                + String.join(", ", trees) + (reference != null ? " against " + reference : " (any violation is a finding)"));
        stdout.flush();
        Explorer explorer = new Explorer(options);
        long t0 = System.nanoTime();
        long[] lastRun = {t0};
        Explorer.Report report;
        try (ExploreProgress bar = ExploreProgress.start(runs, Progress.wanted(runs))) {
            report = explorer.run((r, f) -> {
                lastRun[0] = System.nanoTime();
                bar.update(r, f);
            });
        } catch (IOException e) {
            err.println("smmu-bench: cannot write the findings to " + out + ": " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        // Timing is for the reader only; nothing written to --out depends on it.
        double exploring = (lastRun[0] - t0) / 1e9;
        double shrinking = (System.nanoTime() - lastRun[0]) / 1e9;
        for (Explorer.Finding f : report.findings()) print(stdout, explorer, f);
        stdout.printf(Locale.ROOT, "%d finding(s) in %d run(s)%s: exploring %.2f s (%.0f runs/s), shrinking and writing %.2f s%n",
                report.findings().size(), report.runs(), report.budgetExhausted() ? " (the budget ran out)" : "",
                exploring, report.runs() / Math.max(exploring, 1e-9), shrinking);
        if (!keepGoing && !report.findings().isEmpty() && report.runs() < runs) {
            // The runs left unexplored are the reader's to ask for: say how.
            stdout.println("stopped at the first finding (run " + report.runs() + " of " + runs + "): --keep-going collects every distinct finding"
                    + (reference == null ? ", --against TREE keeps only what TREE does not also give" : ""));
        }
        stdout.flush();
        return report.findings().isEmpty() ? ExitCodes.PASSED : ExitCodes.FAILED;
    }

    private static void print(PrintWriter out, Explorer explorer, Explorer.Finding f) {
        out.println("FOUND " + f.key() + " on " + f.driver() + " at run " + (f.run() + 1));
        out.println("      " + f.message());
        out.println("      shrunk from " + f.original() + " to " + f.shrunk() + " (" + f.shrinkTries() + " candidates tried)");
        out.println("      wrote  " + f.file());
        out.println("      replay " + explorer.replayCommand(f.driver(), f.run() + 1));
        out.println("      check  smmu-bench run " + f.file());
        for (String p : f.fileProblems())
            out.println("      NOTE   the file does not pass as written " + p + "; a step's result depends on the interleaving");
    }
}
