package org.smmubench.dsl.repl;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import org.smmubench.bench.RunResult;
import org.smmubench.bench.ScenarioRunner;
import org.smmubench.bench.report.AtomicFile;
import org.smmubench.dsl.script.DslError;
import org.smmubench.dsl.script.GroovyScenarioWriter;
import org.smmubench.scenario.Scenario;

/**
 * {@code save FILE}: the session as a regression scenario. Before writing, the scenario is
 * replayed through the same ScenarioRunner that {@code smmu-bench run} uses; what only the
 * end-of-run checks see (a bond left bound leaks at teardown) joins the expectation, so the
 * file passes as written, and the user is told.
 */
final class SaveCommand {
    /** How the saved scenario is replayed before writing; ScenarioRunner in production. */
    interface Replayer {
        RunResult run(Scenario s, String driverId);
    }

    private final ReplSession session;
    private final PrintWriter out;
    private final Replayer replayer;

    SaveCommand(ReplSession session, PrintWriter out) {
        this(session, out, (s, d) -> ScenarioRunner.run(s, d, false));
    }

    SaveCommand(ReplSession session, PrintWriter out, Replayer replayer) {
        this.session = session;
        this.out = out;
        this.replayer = replayer;
    }

    void save(Path file) {
        save(file, false);
    }

    /** {@code replace}: {@code save!}, which may write over an existing file; plain {@code save} asks for that. */
    void save(Path file, boolean replace) {
        String name = file.getFileName().toString();
        boolean groovy = name.endsWith(".groovy");
        if (!groovy && !name.endsWith(".yaml") && !name.endsWith(".yml"))
            throw new DslError("save: the file name must end in .yaml, .yml or .groovy");
        // Unnamed sessions take the file's name: "save leaf-at-1024.yaml" -> scenario "leaf-at-1024".
        Scenario s = session.snapshot(name.substring(0, name.lastIndexOf('.')));
        if (s.devices().isEmpty() && s.processes().isEmpty())
            throw new DslError("save: nothing to save yet (declare a device and a process, then run some steps)");
        if (Files.isDirectory(file)) throw new DslError("save: " + file + " is a directory");
        if (Files.exists(file) && !replace)
            throw new DslError("save: " + file + " exists; `save! " + file + "` replaces it");
        s = checked(s);
        String text = groovy ? GroovyScenarioWriter.write(s) : YamlBridge.write(s);
        try {
            if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
            // A full disk or a failed write leaves what was there (or nothing), never half a file.
            AtomicFile.write(file, text);
        } catch (IOException e) {
            throw new DslError("save: cannot write " + file + ": " + reason(e));
        }
        String driver = session.driverId();
        out.println("saved '" + s.name() + "' (" + s.devices().size() + " device(s), " + s.processes().size()
                + " process(es), " + s.steps().size() + " step(s); expects " + s.expect().forDriver(driver) + " on "
                + driver + ") to " + file);
        out.println("run it with: smmu-bench run " + file);
    }

    // The exception's own message often repeats the path; say what went wrong.
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or directory";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private Scenario checked(Scenario s) {
        String driver = session.driverId();
        RunResult r;
        try {
            r = replayer.run(s, driver);
        } catch (UnsupportedOperationException e) {
            out.println("note: not replayed before saving (" + e.getMessage() + ")");
            return s;
        }
        Set<String> expected = new TreeSet<>(s.expect().forDriver(driver));
        if (!r.violated().equals(expected)) {
            Set<String> extra = new TreeSet<>(r.violated());
            extra.removeAll(expected);
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(r.violated());
            if (!extra.isEmpty())
                out.println("note: the end-of-run checks also report " + extra + " (e.g. what is still bound leaks"
                        + " at teardown); added to the expectation");
            if (!missing.isEmpty())
                out.println("warning: replaying did not reproduce " + missing + "; left out of the expectation");
            s = ReplSession.withExpectation(s, r.violated());
        }
        for (var f : r.stepFailures())
            out.println("warning: on replay, step " + f.step() + " (" + f.stepText() + ") " + f.message());
        return s;
    }
}
