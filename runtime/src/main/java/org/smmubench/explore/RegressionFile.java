package org.smmubench.explore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.smmubench.bench.BenchParts;
import org.smmubench.bench.RecordedViolation;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.ScenarioRunner;
import org.smmubench.driver.tree.DriverVariantInfo;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.scenario.Expectation;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioLoader;
import org.smmubench.scenario.ScenarioWriter;
import org.smmubench.scenario.Step;

/**
 * Turns a shrunk finding into a regression scenario that passes as written. The shrunk
 * scenario is run on every known driver tree; the file expects, per tree, exactly the
 * violations that tree gave, and each bind/unbind the result it had on the tree where the
 * finding was made. Its {@code driver:} list holds that tree and every tree whose step results
 * agree (the reference tree included, unless the finding is a differing step result). A DMA
 * step expects its result only where all those trees agree on it.
 */
final class RegressionFile {
    private RegressionFile() {}

    static Scenario build(Scenario shrunk, String name, String description, String foundOn) {
        Map<String, Observation> byDriver = new LinkedHashMap<>();
        for (DriverVariantInfo v : DriverVariants.all()) byDriver.put(v.id(), Observation.of(shrunk, BenchParts.of(v.id())));
        Observation found = byDriver.get(foundOn);
        List<String> drivers = new ArrayList<>(List.of(foundOn));
        byDriver.forEach((id, o) -> {
            if (!id.equals(foundOn) && o.results().equals(found.results()) && o.branchResults().equals(found.branchResults())) drivers.add(id);
        });

        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < shrunk.steps().size(); i++) {
            Step st = shrunk.steps().get(i);
            if (st instanceof Step.Parallel p) {
                // Each branch step expects what it gave in the interleaving that never preempts.
                List<List<Step>> branches = new ArrayList<>();
                for (int b = 0; b < p.branches().size(); b++) {
                    List<Step> branch = new ArrayList<>();
                    for (int j = 0; j < p.branches().get(b).size(); j++)
                        branch.add(expecting(p.branches().get(b).get(j), found.branchResults().get(b).get(j)));
                    branches.add(branch);
                }
                steps.add(new Step.Parallel(branches, p.schedule(), p.pos()));
            } else {
                steps.add(expecting(st, found.results().get(i)));
            }
        }
        Map<String, Set<String>> expect = new LinkedHashMap<>();
        byDriver.forEach((id, o) -> {
            Set<String> ids = new TreeSet<>();
            for (RecordedViolation v : o.violations()) ids.add(v.invariant());
            expect.put(id, ids);
        });
        return new Scenario(name, description, drivers, shrunk.smmu(), shrunk.devices(), shrunk.processes(), steps,
                new Expectation(Optional.empty(), expect), shrunk.pos());
    }

    private static Step expecting(Step st, String result) {
        if (st instanceof Step.Bind b) return new Step.Bind(b.device(), b.process(), result, b.pos());
        if (st instanceof Step.Unbind u) return new Step.Unbind(u.device(), u.process(), result, u.pos());
        if (st instanceof Step.Attach a) return new Step.Attach(a.device(), a.domain(), result, a.pos());
        if (st instanceof Step.Dma d) return new Step.Dma(d.device(), d.process(), d.pasid(), d.va(), d.access(), result, d.pos());
        return st;
    }

    /**
     * Writes the scenario atomically (a temporary file renamed over the target), then loads
     * it back and runs it on its drivers. Returns why it does not pass as written (empty when
     * it does): with a parallel step, a step's result can differ between interleavings, and
     * a file cannot expect two results of one step.
     */
    static List<String> write(Path file, Scenario s) throws IOException {
        String text = ScenarioWriter.write(s);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".explore-", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        Scenario loaded = ScenarioLoader.parse(file.toString(), text).get(0);
        List<String> problems = new ArrayList<>();
        for (String d : loaded.drivers()) {
            RunResult r = ScenarioRunner.run(loaded, d, false);
            if (r.passed()) continue;
            if (loaded.steps().stream().noneMatch(st -> st instanceof Step.Parallel))
                throw new IllegalStateException("the regression file " + file + " does not pass on " + d + " as written: expected "
                        + r.expected() + ", violated " + r.violated() + ", step failures " + r.stepFailures());
            problems.add("on " + d + ": " + (r.stepFailures().isEmpty() ? "expected " + r.expected() + ", violated " + r.violated()
                    : r.stepFailures().get(0).message()) + (r.schedule() != null ? " (interleaving " + r.schedule() + ")" : ""));
        }
        return problems;
    }

    /** A file name from the finding: letters, digits, '.', '_' and '-' only. */
    static String fileName(FindingKey key, String driver) {
        String raw = key.invariant() + "--" + key.function() + "--" + driver;
        return raw.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("-+$", "") + ".yaml";
    }
}
