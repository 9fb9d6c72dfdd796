package org.smmubench.dsl.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.smmubench.bench.report.TextTable;
import org.smmubench.check.InvariantInfo;
import org.smmubench.check.Invariants;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code smmu-bench invariants}: the ids an {@code expect:} block may name (docs/invariants.md). */
@Command(name = "invariants", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, description = "List the invariants checked, with what each checks.")
final class InvariantsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TextTable t = new TextTable(List.of("ID", "REF", "CHECKS"));
        for (InvariantInfo i : Invariants.all()) t.row(List.of(i.id(), i.reference(), i.description()));
        spec.commandLine().getOut().print(t.render());
        spec.commandLine().getOut().flush();
        return ExitCodes.PASSED;
    }
}
