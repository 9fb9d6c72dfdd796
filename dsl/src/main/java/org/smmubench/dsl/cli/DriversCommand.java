package org.smmubench.dsl.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.smmubench.bench.report.TextTable;
import org.smmubench.driver.sva.DriverVariantInfo;
import org.smmubench.driver.sva.DriverVariants;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code smmu-bench drivers}: the driver variants a scenario can name (docs/trees.md). */
@Command(name = "drivers", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, description = "List the driver variants, their aliases and what each models.")
final class DriversCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TextTable t = new TextTable(List.of("ID", "ALIASES", "MODELS"));
        for (DriverVariantInfo v : DriverVariants.all())
            t.row(List.of(v.id(), String.join(", ", v.aliases()), v.description()));
        spec.commandLine().getOut().print(t.render());
        spec.commandLine().getOut().println("'all' selects every variant; the default is " + DriverVariants.DEFAULT + ".");
        spec.commandLine().getOut().flush();
        return ExitCodes.PASSED;
    }
}
