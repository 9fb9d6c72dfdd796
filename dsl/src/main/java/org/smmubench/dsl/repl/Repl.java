package org.smmubench.dsl.repl;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.dsl.cli.ReplLauncher;
import org.smmubench.dsl.cli.ReplRequest;

/**
 * {@code smmu-bench repl [--driver ID] [--jshell] [FILE]}: the Groovy shell (or JShell) on
 * a live bench. The CLI finds this class through META-INF/services; {@link #start} is the
 * same entry for callers that hold streams rather than a request.
 */
public final class Repl implements ReplLauncher {
    @Override
    public int launch(ReplRequest r) throws IOException {
        boolean tty = System.console() != null;
        return run(new ReplOptions(r.driverId(), r.jshell(), r.file().orElse(null), System.in,
                new WriterOutputStream(r.out()), tty, tty ? ReplOptions.defaultHistory() : null, LiveBench::real));
    }

    /** Starts a session reading {@code in} and writing {@code out}; a real terminal when they are the process's own. */
    public static int start(String driverIdOrNull, boolean jshell, Path fileOrNull, InputStream in, PrintStream out) {
        boolean tty = in == System.in && out == System.out && System.console() != null;
        String driver = driverIdOrNull == null ? DriverVariants.DEFAULT
                : DriverVariants.resolve(driverIdOrNull).orElseThrow(() -> new IllegalArgumentException(
                        DriverVariants.problem(driverIdOrNull).orElse("unknown driver " + driverIdOrNull)));
        try {
            return run(new ReplOptions(driver, jshell, fileOrNull, in, out, tty, tty ? ReplOptions.defaultHistory() : null,
                    LiveBench::real));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int run(ReplOptions o) throws IOException {
        try (Terminal terminal = terminal(o)) {
            PrintWriter out = terminal.writer();
            ReplSession session = new ReplSession(o.benches(), o.driverId(), out);
            try {
                if (o.jshell()) {
                    Path history = o.history() == null ? null : o.history().resolveSibling("jshell-history");
                    return JShellRepl.run(session, out, o.file(), !o.systemTerminal(),
                            (parser, completer) -> reader(terminal, parser, completer, history));
                }
                LineReader reader = reader(terminal, new ReplParser(), new ReplCompleter(session), o.history());
                return new ReplShell(session, reader, out, !o.systemTerminal()).run(o.file());
            } finally {
                session.close();
                out.flush();
            }
        }
    }

    static Terminal terminal(ReplOptions o) throws IOException {
        if (o.systemTerminal()) return TerminalBuilder.builder().system(true).name("smmu-bench").build();
        // JLine's DumbTerminal reads the stream synchronously; the providers' pty-backed
        // terminals pump it on a thread that may close at end of input before the reader
        // has taken what was buffered.
        return new DumbTerminal("smmu-bench", Terminal.TYPE_DUMB, o.in(), o.out(), StandardCharsets.UTF_8);
    }

    /** Builds the line reader on the session's terminal; {@link JShellRepl} brings its own parser and completer. */
    interface ReaderFactory {
        LineReader create(Parser parser, Completer completer) throws IOException;
    }

    static LineReader reader(Terminal terminal, Parser parser, Completer completer, Path history) throws IOException {
        LineReaderBuilder b = LineReaderBuilder.builder().terminal(terminal).appName("smmu-bench")
                .parser(parser).completer(completer)
                // `!` is Groovy's and Java's not, not a history event.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.INSERT_TAB, false)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P   ...> ");
        if (history != null) {
            Files.createDirectories(history.toAbsolutePath().getParent());
            b.variable(LineReader.HISTORY_FILE, history);
        }
        return b.build();
    }
}
