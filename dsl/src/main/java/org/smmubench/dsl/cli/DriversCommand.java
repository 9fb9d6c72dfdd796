package org.smmubench.dsl.cli;

import java.util.concurrent.Callable;

import org.smmubench.bench.report.CommitTable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code smmu-bench drivers}: the kernel trees a scenario can name, and each base's modelled commits. */
@Command(name = "drivers", description = "List the kernel trees ('all' runs them) and, for each base, the upstream"
        + " commits a tree can revert or apply: hash, title, Fixes:, files and functions.")
final class DriversCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(CommitTable.text());
        spec.commandLine().getOut().flush();
        return ExitCodes.PASSED;
    }
}
