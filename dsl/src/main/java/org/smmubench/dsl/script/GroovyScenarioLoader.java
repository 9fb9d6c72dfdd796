package org.smmubench.dsl.script;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.List;

import groovy.lang.Binding;
import groovy.lang.GroovyCodeSource;
import groovy.lang.Script;

import org.smmubench.scenario.InputError;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioRules;
import org.smmubench.scenario.ScenarioException;
import org.smmubench.scenario.SourcePos;
import org.smmubench.scenario.SourceText;

/**
 * Runs a {@code *.groovy} scenario script to build its Scenario records. Nothing touches a
 * bench here: the records are then run by the same ScenarioRunner as YAML, once per driver,
 * which makes "one semantics, two spellings" literal.
 */
public final class GroovyScenarioLoader {
    private GroovyScenarioLoader() {}

    /** How long a script may run when the command line does not say (generous: a script only builds records). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    /** Compiling a script of at most 3 MiB is not limited by the script timeout, only by this much more. */
    private static final Duration COMPILE_ALLOWANCE = Duration.ofMinutes(1);

    /** The scenarios of a script file; bad scripts throw ScenarioException with FILE:LINE. */
    public static List<Scenario> load(Path file) {
        return load(file, DEFAULT_TIMEOUT);
    }

    public static List<Scenario> load(Path file, Duration timeout) {
        return load(SourceText.read(file), file.toString(), timeout);
    }

    /** {@code displayFile} names the script in positions (the path as the user gave it). */
    public static List<Scenario> load(String text, String displayFile) {
        return load(text, displayFile, DEFAULT_TIMEOUT);
    }

    public static List<Scenario> load(String text, String displayFile, Duration timeout) {
        String base = baseName(displayFile);
        ScriptRecorder recorder = new ScriptRecorder(base, new SourcePos(displayFile, 1, 0));
        run(text, displayFile, recorder, new Binding(), timeout);
        if (recorder.empty())
            throw new ScenarioException(new SourcePos(displayFile, 1, 1), "the script declares nothing (no scenario,"
                    + " device, process, step or expect statement): there is nothing to run");
        List<Scenario> scenarios = recorder.scenarios();
        List<InputError> empty = new ArrayList<>();
        for (Scenario s : scenarios)
            ScenarioRules.nothingToRun(s).ifPresent(m -> empty.add(new InputError(s.pos(), m)));
        if (!empty.isEmpty()) throw new ScenarioException(empty);
        return scenarios;
    }

    /** Compiles and runs a script against a receiver; any failure becomes a located ScenarioException. */
    public static Object run(String text, String displayFile, Statements receiver, Binding binding) {
        return run(text, displayFile, receiver, binding, DEFAULT_TIMEOUT);
    }

    /**
     * Runs the script on a thread of its own so that neither an endless loop nor anything it
     * throws (Errors and checked exceptions included) can take the run down: after
     * {@code timeout} it is interrupted (compiled loops check for that) and reported at the
     * line it was running.
     */
    public static Object run(String text, String displayFile, Statements receiver, Binding binding, Duration timeout) {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        int[] lastLine = new int[1];
        // The limit counts from the first statement: compiling (and Groovy's own first-use
        // warm-up, seconds on a loaded machine) is not the script's doing.
        AtomicLong running = new AtomicLong();
        Thread worker = new Thread(null, () -> {
            try {
                Script script = DslCompiler.shell(binding).parse(new GroovyCodeSource(text, frameName(displayFile), "/groovy/script"));
                ((BenchScript) script).attach(receiver, displayFile);
                running.set(System.nanoTime());
                ScriptLines.reset();
                result[0] = script.run();
            } catch (Throwable t) {
                failure[0] = t;
                lastLine[0] = ScriptLines.last();
            }
        }, "smmu-bench script " + displayFile);
        worker.setDaemon(true);
        worker.start();
        long compileStart = System.nanoTime();
        boolean interrupted = false;
        while (worker.isAlive()) {
            long now = System.nanoTime();
            long since = running.get() != 0 ? running.get() : compileStart + COMPILE_ALLOWANCE.toNanos();
            if (now - since > timeout.toNanos()) break;
            try {
                worker.join(20);
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
        }
        if (worker.isAlive()) {
            int line = ScriptErrors.scriptLine(worker.getStackTrace(), displayFile);
            worker.interrupt();
            try {
                worker.join(2000);
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (interrupted) Thread.currentThread().interrupt();
            String where = line > 0 ? " and was stopped here" : " and was stopped";
            throw new ScenarioException(new SourcePos(displayFile, line, 0), interrupted
                    ? "the script was interrupted"
                    : "the script ran longer than " + seconds(timeout) + " (--script-timeout)" + where + "; an endless loop?");
        }
        if (failure[0] != null) throw ScriptErrors.translate(failure[0], displayFile, lastLine[0]);
        return result[0];
    }

    private static String seconds(Duration d) {
        long s = d.toSeconds();
        return s > 0 ? s + " s" : d.toMillis() + " ms";
    }

    /**
     * The name the compiled class carries in stack frames; it must end in ".groovy" for
     * {@link BenchScript#isScriptFrame} and be a legal class name.
     */
    static String frameName(String displayFile) {
        String b = baseName(displayFile).replaceAll("[^A-Za-z0-9_$]", "_");
        if (b.isEmpty() || !Character.isJavaIdentifierStart(b.charAt(0))) b = "_" + b;
        return b + ".groovy";
    }

    static String baseName(String file) {
        String name = Path.of(file).getFileName() == null ? file : Path.of(file).getFileName().toString();
        return name.endsWith(".groovy") ? name.substring(0, name.length() - ".groovy".length()) : name;
    }
}
