package org.smmubench.dsl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.smmubench.driver.tree.DriverVariants;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code smmu-bench repl}: hands over to whichever {@link ReplLauncher} the build contains. */
@Command(name = "repl", description = "Open an interactive Groovy shell (or JShell) on a live bench.")
final class ReplCommand implements Callable<Integer> {
    /** The class the REPL is expected to live in, tried when no service is registered. */
    static final String REPL_CLASS = "org.smmubench.dsl.repl.Repl";

    @Spec
    CommandSpec spec;

    @Option(names = "--driver", paramLabel = "ID", description = "Driver variant id or alias (default: ${DEFAULT-VALUE}).")
    String driver = DriverVariants.DEFAULT;

    @Option(names = "--jshell", description = "Open a JShell on the Java API instead of the Groovy shell.")
    boolean jshell;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "A scenario or script to load first.")
    Path file;

    private final Supplier<Optional<ReplLauncher>> launchers;

    ReplCommand(Supplier<Optional<ReplLauncher>> launchers) {
        this.launchers = launchers;
    }

    @Override
    public Integer call() throws Exception {
        var cmd = spec.commandLine();
        String driverId = DriverOption.canonical(List.of(driver), cmd, false).get(0);
        if (file != null && !Files.isRegularFile(file)) {
            cmd.getErr().println("smmu-bench: " + file + ": no such file");
            return ExitCodes.BAD_INPUT;
        }
        Optional<ReplLauncher> launcher = launchers.get();
        if (launcher.isEmpty()) {
            cmd.getErr().println("smmu-bench: REPL not available in this build");
            return ExitCodes.BAD_INPUT;
        }
        return launcher.get().launch(new ReplRequest(driverId, jshell, Optional.ofNullable(file), cmd.getOut(), cmd.getErr()));
    }

    /** A registered service first; else the REPL class by its expected name, if it implements the hook. */
    static Optional<ReplLauncher> installed() {
        Optional<ReplLauncher> service = ServiceLoader.load(ReplLauncher.class).findFirst();
        if (service.isPresent()) return service;
        try {
            Class<?> c = Class.forName(REPL_CLASS);
            if (ReplLauncher.class.isAssignableFrom(c))
                return Optional.of((ReplLauncher) c.getConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            // Not in this build, or not a launcher: reported as "not available" by the caller.
        }
        return Optional.empty();
    }
}
