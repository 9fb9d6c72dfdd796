package org.smmubench.dsl.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.smmubench.bench.Corpus;
import org.smmubench.bench.PreparedScenarios;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.report.ConsoleReport;
import org.smmubench.bench.report.CorpusTable;
import org.smmubench.scenario.ScenarioException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code smmu-bench corpus}: the corpus of upstream fixes as a table (from the entry files and
 * the commits' declarations), then every entry run on its trees, reported as {@code run} does.
 */
@Command(name = "corpus", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        description = "Print the corpus of upstream fixes (hash, title, Fixes:, the tree without the fix and what it"
                + " shows, the tree with it, race or sequential), then run each entry on its two trees.",
        footer = {"", "Exit codes: 0 all passed, 1 an entry failed,",
                "2 bad input or usage (nothing run), 3 internal error (a bug in smmu-bench)."})
final class CorpusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--driver", split = ",", paramLabel = "ID",
            description = "Kernel tree or alias, or 'all' (repeatable; overrides each entry's two trees).")
    List<String> drivers = new ArrayList<>();

    @Parameters(arity = "0..1", paramLabel = "DIR", defaultValue = "examples/corpus",
            description = "The corpus directory (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> driverIds = DriverOption.canonical(drivers, spec.commandLine(), true);
        if (!Files.isDirectory(dir)) {
            err.println("smmu-bench: corpus directory " + dir + " not found");
            return ExitCodes.BAD_INPUT;
        }
        List<Corpus.Entry> entries;
        try {
            entries = Corpus.load(dir);
        } catch (ScenarioException e) {
            e.errors().forEach(err::println);
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        if (entries.isEmpty()) {
            err.println("smmu-bench: no <12-hex>-<slug>.yaml entries in " + dir);
            return ExitCodes.BAD_INPUT;
        }
        out.print(CorpusTable.text(entries));
        out.println();
        List<RunResult> results = new ArrayList<>();
        for (Corpus.Entry e : entries) {
            List<RunResult> rs = new PreparedScenarios(List.of(e.scenario())).run(driverIds, false);
            for (RunResult r : rs) out.print(ConsoleReport.run(r, false));
            results.addAll(rs);
        }
        out.print(ConsoleReport.footer(results));
        out.flush();
        return results.stream().allMatch(RunResult::passed) ? ExitCodes.PASSED : ExitCodes.FAILED;
    }
}
