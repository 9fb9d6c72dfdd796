package org.smmubench.dsl.repl;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.GroovyCodeSource;
import groovy.lang.GroovyShell;
import groovy.lang.Script;

import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.dsl.script.BenchScript;
import org.smmubench.dsl.script.DslCompiler;
import org.smmubench.dsl.script.DslError;
import org.smmubench.dsl.script.ScriptLines;
import org.smmubench.dsl.script.ScriptErrors;
import org.smmubench.dsl.script.Vocabulary;
import org.smmubench.scenario.InputError;
import org.smmubench.scenario.Printable;
import org.smmubench.scenario.ScenarioException;
import org.smmubench.scenario.SourceText;

/**
 * The read-eval-print loop: a line is either a REPL command or Groovy run with
 * {@link BenchScript} as its base class against the live {@link ReplSession}. Whatever goes
 * wrong on a line is printed in one or two lines and the session goes on.
 */
public final class ReplShell {
    /** {@code def x = ...} on the prompt keeps x for later lines (Groovy would make it local to the line). */
    private static final Pattern TOP_LEVEL_DEF = Pattern.compile("^(\\s*)def\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*=(?!=)");

    private final ReplSession session;
    private final LineReader reader;
    private final PrintWriter out;
    private final Binding binding = new Binding();
    private final GroovyShell shell = DslCompiler.shell(binding);
    private final SaveCommand save;
    private final boolean echo;
    private int lineNo;
    // `exit` with unsaved statements warns once; a second `exit` right after leaves.
    private boolean exitWarned;

    /** {@code echo}: print each input after its prompt (a dumb terminal shows nothing typed), for readable transcripts. */
    public ReplShell(ReplSession session, LineReader reader, PrintWriter out, boolean echo) {
        this.session = session;
        this.echo = echo;
        this.reader = reader;
        this.out = out;
        this.save = new SaveCommand(session, out);
    }

    /** Runs until quit or end of input; returns the exit code (0). */
    public int run(Path loadFirst) {
        out.println("smmu-bench REPL (Groovy " + groovy.lang.GroovySystem.getVersion() + "), driver " + session.driverId()
                + ". Type `help` to start, `quit` to leave.");
        if (loadFirst != null) load(loadFirst);
        out.flush();
        while (true) {
            String line;
            try {
                line = reader.readLine(prompt());
            } catch (UserInterruptException e) {
                continue;                               // Ctrl-C drops the line being typed
            } catch (EndOfFileException e) {
                if (echo) out.println();            // end the last prompt's line
                // The input ended: there is no one left to ask, but say what was not kept.
                int n = session.unsaved();
                if (n > 0) out.println("left with " + n + " unsaved statement" + (n == 1 ? "" : "s"));
                String dropped = reader.getBuffer() == null ? "" : reader.getBuffer().toString();
                if (!dropped.isBlank())
                    out.println("warning: input ended inside an unfinished statement (" + missingOf(dropped)
                            + "); dropped: " + Printable.escape(firstLine(dropped)));
                break;
            }
            if (echo) out.println(line.replace("\n", "\n   ...> "));
            out.flush();
            if (!eval(line)) break;
            out.flush();
        }
        out.flush();
        return 0;
    }

    String prompt() {
        // The canonical tree name, as reports print it.
        return "smmu[" + session.driverId() + "]> ";
    }

    /** One input (possibly several lines); false when the user asked to leave. */
    public boolean eval(String input) {
        if (input == null || input.isBlank()) return true;
        var command = ReplCommands.parse(input);
        boolean warned = exitWarned;
        exitWarned = false;
        try {
            if (command.isPresent()) return command(command.get(), warned);
            String missing = ReplParser.missing(input);
            if (missing != null) {
                // Two blank lines ended an unfinished input (the way out of a stray '[' or '/*').
                out.println("error: unfinished input (missing " + Printable.escape(missing) + ") dropped");
                return true;
            }
            String frame = "repl_" + (++lineNo) + ".groovy";
            interruptible(() -> evalGroovy(input, "<repl>", frame));
        } catch (ScenarioException e) {
            for (InputError err : e.errors()) out.println("error: " + located(err));
        } catch (DslError e) {
            out.println("error: " + Printable.escape(e.getMessage()));
        } catch (Exception | Error e) {
            // Whatever the line threw (assert, an Error, a checked exception, a stack
            // overflow): one line, and the session goes on.
            out.println("error: " + Printable.escape(ScriptErrors.message(e)));
        }
        out.flush();
        return true;
    }

    /** The evaluation running now, for {@link #interrupt()} (Ctrl-C). */
    private volatile Thread evaluating;

    /**
     * Runs one input on a thread of its own, so that Ctrl-C (or {@link #interrupt()}) stops a
     * runaway statement (compiled loops check the interrupt flag) and the session goes on.
     */
    private void interruptible(Runnable body) throws Exception {
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "smmu-bench repl line");
        worker.setDaemon(true);
        Terminal terminal = reader == null ? null : reader.getTerminal();
        Terminal.SignalHandler previous = terminal == null ? null : terminal.handle(Terminal.Signal.INT, sig -> interrupt());
        evaluating = worker;
        try {
            worker.start();
            worker.join();
        } catch (InterruptedException e) {
            // The REPL's own thread was interrupted (its host gave up on the session, unlike
            // Ctrl-C, which interrupts the statement): the statement must not run on unowned.
            worker.interrupt();
            throw e;
        } finally {
            evaluating = null;
            if (terminal != null) terminal.handle(Terminal.Signal.INT, previous);
        }
        Throwable t = failure[0];
        if (t == null) return;
        if (t instanceof InterruptedException || t.getCause() instanceof InterruptedException)
            throw new DslError("interrupted (Ctrl-C); the session goes on");
        if (t instanceof Exception ex) throw ex;
        throw (Error) t;
    }

    /** Stops the statement being evaluated, if any (what Ctrl-C does while one runs). */
    public void interrupt() {
        Thread t = evaluating;
        if (t != null) t.interrupt();
    }

    private static String missingOf(String text) {
        String m = ReplParser.missing(text);
        return m == null ? "incomplete" : "missing " + m;
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl) + " ...";
    }

    private void evalGroovy(String text, String displayFile, String frameName) {
        String source = TOP_LEVEL_DEF.matcher(text).replaceFirst("$1$2 =");
        Script script;
        try {
            script = shell.parse(new GroovyCodeSource(source, frameName, "/groovy/shell"));
        } catch (MultipleCompilationErrorsException e) {
            throw ScriptErrors.translate(e, displayFile);
        }
        ((BenchScript) script).attach(session, displayFile);
        Object result;
        try {
            ScriptLines.reset();
            result = script.run();
        } catch (ScenarioException e) {
            throw e;
        } catch (Exception | Error e) {
            if (e instanceof InterruptedException || e.getCause() instanceof InterruptedException) throw e;
            throw ScriptErrors.translate(e, displayFile, ScriptLines.last());
        }
        if (result != null && !(result instanceof Closure) && displayFile.equals("<repl>"))
            out.println("=> " + InvokerHelper.toString(result));
    }

    private boolean command(ReplCommands.Invocation c, boolean warned) {
        List<String> a = c.args();
        switch (c.name()) {
            case "quit" -> {
                int n = session.unsaved();
                if (n == 0 || warned) return false;
                out.println("the session has " + n + " unsaved statement" + (n == 1 ? "" : "s")
                        + " (devices, processes, steps): `save FILE.yaml` keeps them as a regression scenario;"
                        + " type `exit` again to leave without saving");
                exitWarned = true;
                return true;
            }
            case "help" -> (a.isEmpty() ? HelpText.general(session.driverId()) : HelpText.about(a.get(0))).forEach(out::println);
            case "violations" -> session.violations();
            case "reset" -> session.reset();
            case "show" -> session.show(one(c, "show DEVICE|PROCESS|smmu|caches|events"));
            case "driver" -> session.switchDriver(Vocabulary.resolveDrivers("driver", List.of(one(c, "driver ID"))).get(0));
            case "trace" -> {
                String v = one(c, "trace on|off");
                if (!v.equals("on") && !v.equals("off")) throw new DslError("usage: trace on|off");
                session.trace(v.equals("on"));
            }
            case "save" -> {
                save.save(path(one(c, "save FILE.yaml|FILE.groovy")), false);
                session.markSaved();
            }
            case "save!" -> {
                save.save(path(one(c, "save! FILE.yaml|FILE.groovy")), true);
                session.markSaved();
            }
            case "load" -> load(path(one(c, "load FILE.groovy|FILE.yaml")));
            default -> throw new IllegalStateException(c.name());
        }
        return true;
    }

    /** Runs a scenario file's statements in this session, as if typed. */
    void load(Path file) {
        String name = file.getFileName().toString();
        out.println("loading " + file);
        try {
            if (name.endsWith(".groovy")) {
                String text = SourceText.read(file);
                evalGroovy(text, file.toString(), frameName(name));
            } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                YamlBridge.replay(file, session, out);
            } else {
                throw new DslError("load: a .groovy or .yaml file, please (got " + file + ")");
            }
        } catch (ScenarioException e) {
            for (InputError err : e.errors()) out.println("error: " + err);
        } catch (DslError e) {
            out.println("error: " + e.getMessage());
        }
        out.flush();
    }

    private static String frameName(String fileName) {
        String b = fileName.substring(0, fileName.length() - ".groovy".length()).replaceAll("[^A-Za-z0-9_$]", "_");
        return (b.isEmpty() || !Character.isJavaIdentifierStart(b.charAt(0)) ? "_" + b : b) + ".groovy";
    }

    /** On the prompt the file is noise; keep "line N" only when the input had several lines. */
    private static String located(InputError err) {
        if (!err.pos().file().equals("<repl>")) return err.toString();
        String m = Printable.escape(err.message());
        return err.pos().line() > 1 ? "line " + err.pos().line() + ": " + m : m;
    }

    private static Path path(String name) {
        try {
            return Path.of(name);
        } catch (java.nio.file.InvalidPathException e) {
            throw new DslError("not a file name: " + Printable.escape(name) + " (" + e.getReason() + ")");
        }
    }

    private static String one(ReplCommands.Invocation c, String usage) {
        if (c.args().size() != 1) throw new DslError("usage: " + usage);
        return c.args().get(0);
    }
}
