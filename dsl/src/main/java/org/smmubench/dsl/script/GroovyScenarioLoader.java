package org.smmubench.dsl.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import groovy.lang.Binding;
import groovy.lang.GroovyCodeSource;
import groovy.lang.Script;

import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioException;
import org.smmubench.scenario.SourcePos;

/**
 * Runs a {@code *.groovy} scenario script to build its Scenario records. Nothing touches a
 * bench here: the records are then run by the same ScenarioRunner as YAML, once per driver,
 * which makes "one semantics, two spellings" literal.
 */
public final class GroovyScenarioLoader {
    private GroovyScenarioLoader() {}

    /** The scenarios of a script file; bad scripts throw ScenarioException with FILE:LINE. */
    public static List<Scenario> load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException(new SourcePos(file.toString(), 0, 0), "cannot read: " + e.getMessage());
        }
        return load(text, file.toString());
    }

    /** {@code displayFile} names the script in positions (the path as the user gave it). */
    public static List<Scenario> load(String text, String displayFile) {
        String base = baseName(displayFile);
        ScriptRecorder recorder = new ScriptRecorder(base, new SourcePos(displayFile, 1, 0));
        run(text, displayFile, recorder, new Binding());
        return recorder.scenarios();
    }

    /** Compiles and runs a script against a receiver; any failure becomes a located ScenarioException. */
    public static Object run(String text, String displayFile, Statements receiver, Binding binding) {
        try {
            Script script = DslCompiler.shell(binding).parse(new GroovyCodeSource(text, frameName(displayFile), "/groovy/script"));
            ((BenchScript) script).attach(receiver, displayFile);
            return script.run();
        } catch (StackOverflowError e) {
            throw new ScenarioException(new SourcePos(displayFile, 0, 0), "stack overflow (unbounded recursion in the script?)");
        } catch (RuntimeException e) {
            throw ScriptErrors.translate(e, displayFile);
        }
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
