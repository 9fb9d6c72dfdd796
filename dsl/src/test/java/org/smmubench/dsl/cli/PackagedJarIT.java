package org.smmubench.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smmubench.dsl.ChildJvm;

/**
 * The shaded jar as a user runs it ({@code java -jar dsl/target/smmu-bench.jar}), after
 * {@code package}. The unit tests run on the class path, which has every resource; the jar
 * keeps only what its shade filters let through, and once lost the WebJars' version files, so
 * that {@code run --html} was an internal error from the jar alone.
 */
class PackagedJarIT {
    private static final Path JAR = Path.of("target", "smmu-bench.jar");
    private static final Path SEED = Path.of("..", "examples", "seed", "leaf-at-1024.yaml");

    @TempDir
    Path dir;

    private ChildJvm.Result jar(String stdin, String... args) throws IOException, InterruptedException {
        return jarWith(List.of(), stdin, args);
    }

    private ChildJvm.Result jarWith(List<String> jvmOptions, String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(jvmOptions);
        cmd.addAll(List.of("-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        ChildJvm.Result r = ChildJvm.run(dir, stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8), 120, cmd);
        assertTrue(r != null, "the jar did not finish within 120 s");
        return r;
    }

    @Test
    void everyReportIsWrittenFromTheJar() throws Exception {
        Path html = dir.resolve("r.html");
        Path json = dir.resolve("r.json");
        Path junit = dir.resolve("r.xml");
        ChildJvm.Result r = jar(null, "run", "--html", html.toString(), "--json", json.toString(), "--junit", junit.toString(), SEED.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertFalse(r.err().contains("internal error"), r.err());
        assertTrue(Files.readString(html, StandardCharsets.UTF_8).contains("cytoscape"), "the page inlines its graph library");
        assertTrue(Files.size(json) > 0 && Files.size(junit) > 0);
    }

    @Test
    void groovyScenariosAndTheReplRunFromTheJar() throws Exception {
        ChildJvm.Result groovy = jar(null, "run", Path.of("..", "examples", "groovy", "group-of-four.groovy").toString());
        assertEquals(0, groovy.code(), groovy.out() + groovy.err());
        ChildJvm.Result repl = jar("platform 'dsp0', sid: 0x10\nshow dsp0\nquit\n", "repl");
        assertEquals(0, repl.code(), repl.out() + repl.err());
        assertTrue(repl.out().contains("dsp0: platform device"), repl.out());
    }

    /**
     * The launcher's class-data archive, trained as {@code scripts/smmu-bench} trains it, holds
     * what a YAML run, a Groovy run and the REPL load (the JSON schema's validator, Groovy's
     * compiler, the REPL's shell), so none of them starts by loading those from the jar.
     */
    @Test
    void theTrainedArchiveServesYamlGroovyAndTheRepl() throws Exception {
        Path jsa = dir.resolve("smmu-bench.jsa");
        ChildJvm.Result train = ChildJvm.run(dir, null, 120, List.of("-XX:+UseSerialGC", "-XX:ArchiveClassesAtExit=" + jsa, "-cp",
                JAR.toString(), ClassDataTraining.class.getName(), SEED.toString(),
                Path.of("..", "examples", "groovy", "leaf-at-1024.groovy").toString()));
        assertTrue(train != null, "the training run did not finish within 120 s");
        assertEquals(0, train.code(), train.out() + train.err());
        assertTrue(Files.size(jsa) > 0, "no archive written");
        List<String> mapArchive = List.of("-XX:+UseSerialGC", "-XX:SharedArchiveFile=" + jsa, "-Xlog:class+load=info");
        String seedLoads = jarWith(mapArchive, null, "run", SEED.toString()).out();
        assertShared(seedLoads, "com.networknt.schema.Schema");
        assertShared(seedLoads, "org.smmubench.bench.Bench");
        String replLoads = jarWith(mapArchive, "quit\n", "repl").out();
        assertShared(replLoads, "groovy.lang.GroovyShell");
        assertShared(replLoads, "org.smmubench.dsl.repl.ReplShell");
    }

    private static void assertShared(String classLoadLog, String className) {
        String line = classLoadLog.lines().filter(l -> l.contains(" " + className + " source:")).findFirst()
                .orElseThrow(() -> new AssertionError(className + " was not loaded at all:\n" + classLoadLog));
        assertTrue(line.contains("shared objects file"), "expected from the archive: " + line);
    }
}
