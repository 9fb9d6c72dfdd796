package org.smmubench.dsl.script;

import java.util.ArrayList;
import java.util.List;

import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import groovy.lang.Script;

import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SimpleMessage;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;
import org.smmubench.scenario.InputError;
import org.smmubench.scenario.ScenarioException;
import org.smmubench.scenario.SourcePos;

/**
 * Turns whatever a script throws (compile errors, unknown statements, wrong arguments,
 * exceptions in user code) into located input errors, {@code FILE:LINE: message}: kernel
 * developers get the line of their mistake, never a Groovy stack trace.
 */
public final class ScriptErrors {
    private ScriptErrors() {}

    public static ScenarioException translate(Throwable t, String displayFile) {
        return translate(t, displayFile, 0);
    }

    /**
     * As {@link #translate(Throwable, String)}; {@code lastLine} ({@link ScriptLines#last()} on
     * the thread that ran the script) places an error whose stack names no script frame.
     */
    public static ScenarioException translate(Throwable t, String displayFile, int lastLine) {
        if (t instanceof ScenarioException se) return se;
        if (t instanceof MultipleCompilationErrorsException mce) return compileErrors(mce, displayFile);
        int line = scriptLine(t, displayFile);
        SourcePos pos = new SourcePos(displayFile, line > 0 ? line : lastLine, 0);
        return new ScenarioException(pos, message(t));
    }

    /** A one-line description of a runtime failure in a script. */
    public static String message(Throwable t) {
        if (t instanceof StackOverflowError) return "stack overflow (unbounded recursion in the script?)";
        if (t instanceof OutOfMemoryError) return "out of memory (the script allocates without bound?)";
        if (t instanceof AssertionError) return "assertion failed: " + firstLine(t.getMessage());
        if (t instanceof MissingMethodException mme && isScriptType(mme.getType())) {
            String name = mme.getMethod();
            return Verbs.find(name)
                    .map(v -> name + ": wrong arguments " + arguments(mme.getArguments()) + "; usage: " + v.usage())
                    .orElseGet(() -> "unknown statement '" + name + "'" + Verbs.closest(name)
                            .map(c -> " (did you mean '" + c + "'?)").orElse("") + "; `help` in the REPL lists them");
        }
        if (t instanceof MissingPropertyException mpe && isScriptType(mpe.getType())) {
            String p = mpe.getProperty();
            return Verbs.find(p).map(v -> p + ": needs arguments; usage: " + v.usage())
                    .orElseGet(() -> "unknown name '" + p + "' (names of devices, processes and drivers are strings: '" + p + "')");
        }
        if (t instanceof MissingMethodException || t instanceof MissingPropertyException) return firstLine(t.getMessage());
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + firstLine(m));
    }

    /** The line of the innermost user-script frame of {@code t} (or a cause), or 0. */
    public static int scriptLine(Throwable t) {
        return scriptLine(t, null);
    }

    /**
     * The line of the innermost frame of the script file itself ({@code displayFile}); code the
     * script compiled at run time ({@code evaluate(...)}) has lines of its own, meaningless
     * in the file, so it only counts when no frame of the file is found.
     */
    public static int scriptLine(Throwable t, String displayFile) {
        int any = 0;
        for (Throwable c = t; c != null; c = c.getCause()) {
            int own = scriptLine(c.getStackTrace(), displayFile);
            if (own > 0 && displayFile != null && ownFrameSeen(c.getStackTrace(), displayFile)) return own;
            if (any == 0) any = own;
        }
        return any;
    }

    /** The line of the innermost frame of the script {@code displayFile} (any user script when null or absent). */
    public static int scriptLine(StackTraceElement[] frames, String displayFile) {
        String own = displayFile == null ? null : GroovyScenarioLoader.frameName(displayFile);
        int any = 0;
        for (StackTraceElement e : frames) {
            if (!BenchScript.isScriptFrame(e.getClassName(), e.getFileName()) || e.getLineNumber() <= 0) continue;
            if (own == null || own.equals(e.getFileName())) return e.getLineNumber();
            if (any == 0) any = e.getLineNumber();
        }
        return any;
    }

    private static boolean ownFrameSeen(StackTraceElement[] frames, String displayFile) {
        String own = GroovyScenarioLoader.frameName(displayFile);
        for (StackTraceElement e : frames) if (own.equals(e.getFileName()) && e.getLineNumber() > 0) return true;
        return false;
    }

    private static ScenarioException compileErrors(MultipleCompilationErrorsException mce, String displayFile) {
        List<InputError> errors = new ArrayList<>();
        for (Message m : mce.getErrorCollector().getErrors()) {
            if (m instanceof SyntaxErrorMessage sm) {
                SyntaxException se = sm.getCause();
                errors.add(new InputError(new SourcePos(displayFile, se.getLine(), se.getStartColumn()),
                        firstLine(se.getOriginalMessage())));
            } else if (m instanceof ExceptionMessage em) {
                errors.add(new InputError(new SourcePos(displayFile, 0, 0), message(em.getCause())));
            } else if (m instanceof SimpleMessage sm) {
                errors.add(new InputError(new SourcePos(displayFile, 0, 0), firstLine(sm.getMessage())));
            }
        }
        if (errors.isEmpty()) errors.add(new InputError(new SourcePos(displayFile, 0, 0), firstLine(mce.getMessage())));
        return new ScenarioException(errors);
    }

    private static boolean isScriptType(Class<?> type) {
        return type != null && Script.class.isAssignableFrom(type);
    }

    private static String arguments(Object[] args) {
        List<String> parts = new ArrayList<>();
        if (args != null) for (Object a : args) parts.add(NamedArgs.describe(a));
        return "(" + String.join(", ", parts) + ")";
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
