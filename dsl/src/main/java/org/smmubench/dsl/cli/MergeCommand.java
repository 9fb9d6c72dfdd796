package org.smmubench.dsl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

import org.smmubench.bench.RunResult;
import org.smmubench.bench.report.ConsoleReport;
import org.smmubench.bench.report.JsonReport;
import org.smmubench.bench.report.JsonReportReader;
import org.smmubench.bench.report.JunitXmlReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code smmu-bench merge}: joins the JSON reports of {@code run --shard K/N} (K = 1..N, in
 * any order) into the JSON and JUnit reports one unsharded run would have written, and
 * prints the matrix and summary. Shards are contiguous blocks of the run order, so joining
 * them in K order restores it. Reports without a shard are joined in the order given.
 */
@Command(name = "merge", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        description = "Join the JSON reports of 'run --shard K/N' into the reports of one run.",
        footer = {"", "Exit codes: 0 all passed, 1 a scenario failed, 2 bad input (a missing, malformed or",
                "duplicate report, or an incomplete set of shards)."})
final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the merged JSON report to FILE.")
    Path json;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write the merged JUnit XML report to FILE.")
    Path junit;

    @Parameters(arity = "1..*", paramLabel = "REPORT.json", description = "JSON reports written by 'run --json' (one per shard).")
    List<Path> reports = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<JsonReportReader.Report> read = new ArrayList<>();
        for (Path p : reports) {
            try {
                read.add(JsonReportReader.read(p));
            } catch (JsonReportReader.NotAReport e) {
                err.println("smmu-bench: " + p + ": " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            } catch (IOException e) {
                err.println("smmu-bench: " + p + ": cannot read: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
        }
        String problem = shardProblem(read);
        if (problem != null) {
            err.println("smmu-bench: " + problem);
            return ExitCodes.BAD_INPUT;
        }
        List<JsonReportReader.Report> ordered = new ArrayList<>(read);
        if (read.get(0).shard() != null) ordered.sort(Comparator.comparingInt(r -> r.shard().index()));
        List<RunResult> results = new ArrayList<>();
        ordered.forEach(r -> results.addAll(r.results()));

        out.print(ConsoleReport.footer(results));
        out.flush();
        int code = results.stream().allMatch(RunResult::passed) ? ExitCodes.PASSED : ExitCodes.FAILED;
        if (json != null && !write(err, "JSON", json, JsonReport.toJson(results))) code = ExitCodes.BAD_INPUT;
        if (junit != null && !write(err, "JUnit", junit, JunitXmlReport.toXml(results))) code = ExitCodes.BAD_INPUT;
        return code;
    }

    /** Why these reports are not one complete set of shards, or null when they are. */
    static String shardProblem(List<JsonReportReader.Report> read) {
        long sharded = read.stream().filter(r -> r.shard() != null).count();
        if (sharded == 0) return null;
        if (sharded != read.size()) return "some reports come from 'run --shard' and some do not; merge the shards of one run";
        int n = read.get(0).shard().count();
        boolean[] seen = new boolean[n + 1];
        for (JsonReportReader.Report r : read) {
            if (r.shard().count() != n)
                return "the reports come from different splits (" + n + " and " + r.shard().count() + " shards)";
            if (seen[r.shard().index()]) return "shard " + r.shard() + " is given twice";
            seen[r.shard().index()] = true;
        }
        List<String> missing = new ArrayList<>();
        for (int k = 1; k <= n; k++) if (!seen[k]) missing.add(k + "/" + n);
        return missing.isEmpty() ? null : "missing shard" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing);
    }

    private static boolean write(PrintWriter err, String kind, Path file, String text) {
        try {
            Files.writeString(file, text);
            return true;
        } catch (IOException e) {
            err.println("smmu-bench: cannot write " + kind + " report " + file + ": " + e.getMessage());
            return false;
        }
    }
}
