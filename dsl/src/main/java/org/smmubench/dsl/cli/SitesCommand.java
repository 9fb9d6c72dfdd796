package org.smmubench.dsl.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.smmubench.bench.report.TextTable;
import org.smmubench.kernel.FailureSites;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code smmu-bench sites}: the failure-injection sites a {@code fail:} step may name (docs/sites.md). */
@Command(name = "sites", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, description = "List the failure-injection sites and how each one fails.")
final class SitesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TextTable t = new TextTable(List.of("SITE", "FAILS"));
        for (FailureSites.Site s : FailureSites.all()) t.row(List.of(s.name(), s.description()));
        spec.commandLine().getOut().print(t.render());
        spec.commandLine().getOut().flush();
        return ExitCodes.PASSED;
    }
}
