package org.smmubench.features;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every feature file we ship (the acceptance suite and examples/features) passes the
 * pre-run checks: no syntax error, no undefined step, no unknown name.
 */
class ShippedFeaturesTest {
    static List<Path> shipped() throws IOException {
        List<Path> roots = List.of(Path.of("src/test/resources/org/smmubench/features/acceptance"),
                Path.of("../examples/features"));
        List<Path> out = new java.util.ArrayList<>();
        for (Path r : roots) {
            if (!Files.isDirectory(r)) continue;
            try (Stream<Path> s = Files.walk(r)) {
                s.filter(p -> p.toString().endsWith(".feature")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyShippedFeatureIsValid() throws IOException {
        List<Path> files = shipped();
        assertFalse(files.isEmpty());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.toString(),
                () -> assertDoesNotThrow(() -> new FeatureFileRunner().prepare(f))));
    }
}
