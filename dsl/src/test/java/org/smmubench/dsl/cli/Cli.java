package org.smmubench.dsl.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import picocli.CommandLine;

/** Runs the CLI in-process with captured output, as a user would from the shell. */
final class Cli {
    record Result(int code, String out, String err) {
        String lastLine() {
            List<String> lines = out.lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    private Cli() {}

    static Result run(FakeRunner runner, String... args) {
        return run(new FileRunners(List.of(runner)), Optional::empty, args);
    }

    static Result run(FileRunners runners, Supplier<Optional<ReplLauncher>> repl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(runners, repl);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
