package org.smmubench.dsl.repl;

import java.io.File;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

import org.jline.reader.Candidate;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.smmubench.bench.Bench;
import org.smmubench.dsl.script.DslCompiler;

/**
 * {@code smmu-bench repl --jshell}: JShell on the bench's Java API. Snippets run in this
 * JVM (JShell's "local" execution engine), so {@code session} and {@code bench} in a
 * snippet are the live objects, not copies in another process.
 */
final class JShellRepl {
    private JShellRepl() {}

    static final List<String> HELP = List.of(
            "JShell on the live bench. Variables: `session` (prints like the Groovy REPL) and `bench` (the raw Bench API).",
            "The bench's packages are imported. For example:",
            "  session.device(new DeviceSpec(\"nic0\", Bus.PCI, List.of(0x100), null, false, true, null, SourcePos.UNKNOWN))",
            "  session.process(new ProcessSpec(\"proc1\", 1024, null, List.of(new Mapping(0x400000, 0x10000, Prot.RW)), SourcePos.UNKNOWN))",
            "  session.step(new Step.Bind(\"nic0\", \"proc1\", \"ok\", SourcePos.UNKNOWN))",
            "  session.show(\"nic0\"); session.violations()",
            "  bench.violations().get(0).violation().backtrace()",
            "Leave with /exit (or Ctrl-D).");

    static int run(ReplSession session, PrintWriter out, Path file, boolean echo, Repl.ReaderFactory readers) {
        PrintStream ps = new PrintStream(new WriterOutputStream(out), true, java.nio.charset.StandardCharsets.UTF_8);
        try (JShell js = JShell.builder().executionEngine("local").out(ps).err(ps).build()) {
            classpath().forEach(js::addToClasspath);
            List<String> setup = new ArrayList<>();
            for (String p : DslCompiler.PACKAGES) setup.add("import " + p + ".*;");
            setup.add("import org.smmubench.dsl.repl.*;");
            setup.add("import java.util.*;");
            setup.add("var session = JShellBridge.take(\"" + JShellBridge.offer(session) + "\");");
            setup.add("var bench = session.liveBench();");
            for (String s : setup) {
                for (SnippetEvent e : js.eval(s)) {
                    if (e.status() == Snippet.Status.REJECTED || e.exception() != null) {
                        out.println("jshell: cannot set up the session (" + s + "): " + diagnostics(js, e));
                        out.flush();
                        return 3;
                    }
                }
            }
            if (file != null) new ReplShell(session, null, out, false).load(file);
            LineReader reader = reader(js, readers);
            out.println("smmu-bench JShell (Java " + Runtime.version().feature() + "), driver " + session.driverId()
                    + ". `session` and `bench` are live; /help for examples, /exit to leave.");
            out.flush();
            while (true) {
                String input;
                try {
                    input = reader.readLine("jshell> ");
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                if (echo) out.println(input.replace("\n", "\n   ...> "));
                String t = input.strip();
                if (t.equals("/exit") || t.equals("exit") || t.equals("quit")) break;
                if (t.equals("/help") || t.equals("help")) { HELP.forEach(out::println); out.flush(); continue; }
                eval(js, input, out);
                out.flush();
            }
        } catch (RuntimeException | java.io.IOException e) {
            out.println("jshell: " + e);
        }
        out.flush();
        return 0;
    }

    /** Evaluates every complete snippet in {@code input}, printing values and errors the way jshell does. */
    static void eval(JShell js, String input, PrintWriter out) {
        String rest = input;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = js.sourceCodeAnalysis().analyzeCompletion(rest);
            String source = info.completeness().isComplete() ? info.source() : rest;
            rest = info.completeness().isComplete() ? info.remaining() : "";
            try {
                for (SnippetEvent e : js.eval(source)) {
                    if (e.causeSnippet() != null) continue;
                    if (e.status() == Snippet.Status.REJECTED) out.println("error: " + diagnostics(js, e));
                    else if (e.exception() != null) out.println("exception: " + describe(e.exception()));
                    else if (e.value() != null && e.snippet() instanceof jdk.jshell.VarSnippet v)
                        out.println(v.name() + " ==> " + e.value());
                    else if (e.value() != null && e.snippet() instanceof jdk.jshell.ExpressionSnippet x)
                        out.println(x.name() + " ==> " + e.value());
                }
            } catch (IllegalStateException | IllegalArgumentException e) {
                out.println("error: " + e.getMessage());
            }
        }
    }

    private static String describe(Throwable t) {
        // A ScenarioException's message is the located error; others keep their class name.
        return t instanceof jdk.jshell.EvalException ee ? ee.getExceptionClassName() + ": " + ee.getMessage() : t.toString();
    }

    private static String diagnostics(JShell js, SnippetEvent e) {
        String d = js.diagnostics(e.snippet()).map(x -> x.getMessage(null)).collect(Collectors.joining("; "));
        return d.isEmpty() ? "rejected: " + e.snippet().source().strip() : d;
    }

    /** Where the bench's classes are, for JShell's compiler (the running JVM already has them loaded). */
    static Set<String> classpath() {
        Set<String> cp = new LinkedHashSet<>();
        for (Class<?> c : List.of(Bench.class, JShellRepl.class)) {
            try {
                cp.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException | NullPointerException | SecurityException e) {
                // No code source (an unusual class loader): fall back to java.class.path below.
            }
        }
        for (String p : System.getProperty("java.class.path", "").split(File.pathSeparator)) if (!p.isBlank()) cp.add(p);
        return cp;
    }

    /** Enter asks for more lines while the snippet is incomplete; Tab completes through JShell. */
    private static LineReader reader(JShell js, Repl.ReaderFactory readers) throws java.io.IOException {
        DefaultParser words = new DefaultParser();
        Parser parser = (line, cursor, context) -> {
            if (context == Parser.ParseContext.ACCEPT_LINE && !line.isBlank() && !line.strip().startsWith("/")) {
                var c = js.sourceCodeAnalysis().analyzeCompletion(line).completeness();
                if (c == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE) throw new EOFError(-1, -1, "incomplete");
            }
            return words.parse(line, cursor, context);
        };
        return readers.create(parser, (r, line, candidates) -> complete(js, line, candidates));
    }

    private static void complete(JShell js, ParsedLine line, List<Candidate> candidates) {
        int[] anchor = new int[1];
        int wordStart = line.cursor() - line.wordCursor();
        for (SourceCodeAnalysis.Suggestion s : js.sourceCodeAnalysis().completionSuggestions(line.line(), line.cursor(), anchor)) {
            String prefix = anchor[0] > wordStart ? line.line().substring(wordStart, anchor[0]) : "";
            candidates.add(new Candidate(prefix + s.continuation(), s.continuation(), null, null, null, null, false));
        }
    }
}
