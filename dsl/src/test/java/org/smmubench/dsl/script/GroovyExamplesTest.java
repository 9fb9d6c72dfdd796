package org.smmubench.dsl.script;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.smmubench.bench.RunResult;

/** Every examples/groovy/*.groovy passes on every driver it names: the examples users copy work. */
class GroovyExamplesTest {
    static Path examples() {
        return Path.of(System.getProperty("basedir", "."), "..", "examples", "groovy").normalize();
    }

    @TestFactory
    Stream<DynamicTest> everyExamplePasses() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(examples())) {
            files = s.filter(p -> p.toString().endsWith(".groovy")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no examples under " + examples());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            List<RunResult> results = new GroovyFileRunner().prepare(f).run(List.of(), false);
            assertFalse(results.isEmpty());
            for (RunResult r : results)
                assertTrue(r.passed(), r.scenario() + " on " + r.driver() + ": violated " + r.violated()
                        + ", expected " + r.expected() + ", step failures " + r.stepFailures());
        }));
    }
}
