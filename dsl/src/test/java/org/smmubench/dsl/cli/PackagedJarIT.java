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
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    private record Run(int code, String out, String err) {}

    private Run jar(String stdin, String... args) throws IOException, InterruptedException {
        return jarWith(List.of(), stdin, args);
    }

    private Run jarWith(List<String> jvmOptions, String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin != null) {
            Path in = dir.resolve("stdin");
            Files.writeString(in, stdin);
            pb.redirectInput(in.toFile());
        }
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the jar did not finish within 120 s");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void everyReportIsWrittenFromTheJar() throws Exception {
        Path html = dir.resolve("r.html");
        Path json = dir.resolve("r.json");
        Path junit = dir.resolve("r.xml");
        Run r = jar(null, "run", "--html", html.toString(), "--json", json.toString(), "--junit", junit.toString(), SEED.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertFalse(r.err().contains("internal error"), r.err());
        assertTrue(Files.readString(html, StandardCharsets.UTF_8).contains("cytoscape"), "the page inlines its graph library");
        assertTrue(Files.size(json) > 0 && Files.size(junit) > 0);
    }

    @Test
    void groovyScenariosAndTheReplRunFromTheJar() throws Exception {
        Run groovy = jar(null, "run", Path.of("..", "examples", "groovy", "group-of-four.groovy").toString());
        assertEquals(0, groovy.code(), groovy.out() + groovy.err());
        Run repl = jar("platform 'dsp0', sid: 0x10\nshow dsp0\nquit\n", "repl");
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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process train = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:ArchiveClassesAtExit=" + jsa, "-cp", JAR.toString(),
                ClassDataTraining.class.getName(), SEED.toString(), Path.of("..", "examples", "groovy", "leaf-at-1024.groovy").toString())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(dir.resolve("train.out").toFile()).redirectErrorStream(true).start();
        assertTrue(train.waitFor(120, TimeUnit.SECONDS), "the training run did not finish within 120 s");
        assertEquals(0, train.exitValue(), Files.readString(dir.resolve("train.out")));
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
