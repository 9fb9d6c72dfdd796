package org.smmubench.dsl.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.smmubench.scenario.ScenarioException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code smmu-bench}: the entry point of the runnable jar and of {@code scripts/smmu-bench}. */
@Command(name = "smmu-bench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A scriptable test bench for the Linux ARM SMMUv3 SVA driver.",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Start with: smmu-bench run examples"})
public final class Main implements Callable<Integer> {
    static {
        // picocli's default factory looks for groovy.lang.Closure (for closures in annotations,
        // which this CLI never uses), and loading that class starts the whole Groovy runtime:
        // ~200 classes and its metaclass registry, a third of a YAML run's start-up. Groovy is
        // loaded when a .groovy scenario or the REPL needs it. picocli's own switch for this:
        if (System.getProperty("picocli.disable.closures") == null) System.setProperty("picocli.disable.closures", "true");
    }

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // The schema validator logs through SLF4J; with no binding in the jar, SLF4J would
        // print three lines of warnings on every run. Only its errors are worth seeing.
        if (System.getProperty("slf4j.internal.verbosity") == null)
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        System.exit(commandLine().execute(args));
    }

    /** The command line with the runners and REPL this build contains. */
    public static CommandLine commandLine() {
        return commandLine(FileRunners.installed(), ReplCommand::installed);
    }

    /** The command line with the given runners and REPL lookup (tests substitute their own). */
    public static CommandLine commandLine(FileRunners runners, Supplier<Optional<ReplLauncher>> repl) {
        CommandLine cl = new CommandLine(new Main());
        cl.addSubcommand(new CommandLine(new RunCommand(runners)));
        cl.addSubcommand(new CommandLine(new MergeCommand()));
        cl.addSubcommand(new CommandLine(new ReplCommand(repl)));
        cl.addSubcommand(new CommandLine(new ExploreCommand()));
        cl.addSubcommand(new CommandLine(new DriversCommand()));
        cl.addSubcommand(new CommandLine(new CorpusCommand()));
        cl.addSubcommand(new CommandLine(new InvariantsCommand()));
        cl.addSubcommand(new CommandLine(new SitesCommand()));
        cl.addSubcommand(new CommandLine(new CommandLine.HelpCommand()));
        cl.setExecutionExceptionHandler(Main::onException);
        return cl;
    }

    /** {@code smmu-bench} alone: the usage, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }

    // Bad input that escaped a command is still the user's (exit 2, no trace); anything
    // else is a bug in the bench and the trace is what its developers need (exit 3).
    private static int onException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (e instanceof ScenarioException se) {
            se.errors().forEach(err::println);
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        err.println("smmu-bench: internal error (a bug in smmu-bench, not in your scenario); please report it with this trace:");
        e.printStackTrace(err);
        err.flush();
        return ExitCodes.INTERNAL;
    }

    /** The version from the jar manifest (set by the shade plugin), or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"smmu-bench " + (v == null ? "dev" : v)};
        }
    }
}
