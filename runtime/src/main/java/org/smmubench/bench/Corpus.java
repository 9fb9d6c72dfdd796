package org.smmubench.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.smmubench.driver.tree.Commit;
import org.smmubench.driver.tree.Commits;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioLoader;
import org.smmubench.scenario.Step;

/**
 * The corpus of upstream fixes: a directory of scenario files named {@code <12-hex>-<slug>.yaml},
 * each naming, in its {@code driver:} list, the tree without the fix and then the tree with
 * it. Everything a listing says about an entry comes from the file and the commit's
 * declaration in {@link Commits}, so a new file (and its commit) appears without other changes.
 */
public final class Corpus {
    private Corpus() {}

    /**
     * One fix: its file, its declaration (empty when the hash names no modelled commit), the
     * scenario, and the trees without and with it.
     */
    public record Entry(Path file, String hash, Optional<Commit> commit, Scenario scenario) {
        public String unfixed() { return scenario.drivers().get(0); }

        /** The tree with the fix: the second named (later bases the entry also runs on come after it). */
        public String fixed() { return scenario.drivers().get(1); }

        /** The invariants the file expects violated on {@code tree}. */
        public List<String> expectedViolations(String tree) {
            return scenario.expect().forDriver(tree).stream().sorted().toList();
        }

        /**
         * The steps whose expected result differs between the two trees, as "step N TEXT: RESULT"
         * with the unfixed tree's result: the wrong step results the bug causes.
         */
        public List<String> stepDifferences() {
            List<String> out = new ArrayList<>();
            List<Step> steps = scenario.steps();
            for (int i = 0; i < steps.size(); i++) {
                String without = expected(steps.get(i), unfixed()), with = expected(steps.get(i), fixed());
                if (!Objects.equals(without, with))
                    out.add("step " + (i + 1) + " " + steps.get(i).text() + ": " + (without == null ? "any" : without));
            }
            return out;
        }

        /**
         * "sequential" without a parallel step; with one, "race" and the interleaving the entry
         * pins, or "race (every interleaving)" when the bench explores them all.
         */
        public String schedule() {
            for (Step st : scenario.steps()) {
                if (st instanceof Step.Parallel p)
                    return p.schedule() == null ? "race (every interleaving)" : "race, schedule `" + p.schedule() + "`";
            }
            return "sequential";
        }
    }

    /** What a step expects on {@code tree}: bind and unbind default to "ok"; a DMA without expect has none. */
    static String expected(Step s, String tree) {
        if (s instanceof Step.Bind b) return b.expectOn(tree) == null ? "ok" : b.expectOn(tree);
        if (s instanceof Step.Unbind u) return u.expectOn(tree) == null ? "ok" : u.expectOn(tree);
        if (s instanceof Step.Dma d) return d.expectOn(tree);
        return null;
    }

    /** The entries of {@code dir}, in file-name order. Loading errors surface as ScenarioException. */
    public static List<Entry> load(Path dir) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches("[0-9a-f]{12}-.*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Entry> out = new ArrayList<>();
        for (Path f : files) {
            String hash = f.getFileName().toString().substring(0, 12);
            Optional<Commit> c = Commits.all().stream().filter(x -> x.hash().equals(hash)).findFirst();
            for (Scenario sc : ScenarioLoader.load(f)) out.add(new Entry(f, hash, c, sc));
        }
        return out;
    }
}
