package org.smmubench.explore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.smmubench.bench.BenchParts;
import org.smmubench.bench.RecordedViolation;
import org.smmubench.scenario.Scenario;

/**
 * The explore loop: scenario {@code i} of seed {@code s} is generated from a seed derived from
 * ({@code s}, {@code i}) alone, run on every driver tree asked for (and on the reference tree),
 * and judged by the {@link Oracle}. Without {@code keepGoing} the loop stops at the first
 * finding; with it, it collects every distinct one (by driver, invariant and function). Each
 * finding is then shrunk and written as a regression scenario.
 *
 * <p>Nothing here reads a clock except the budget, which only decides how many runs happen:
 * run {@code i} is the same scenario, with the same finding, whatever the budget.
 */
public final class Explorer {
    /** What to explore; {@code against} null means any violation is a finding. */
    public record Options(List<String> drivers, String against, long seed, int runs, Optional<Double> budgetSeconds,
                          int maxSteps, Path out, boolean keepGoing, boolean interleavings) {
        public Options {
            drivers = List.copyOf(drivers);
        }
    }

    /** Told after every run, for a progress bar. */
    public interface Listener {
        void ran(int runs, int findings);

        Listener NONE = (r, f) -> {};
    }

    /** One finding, shrunk and written. {@code run} is 0-based; replaying needs {@code run + 1} runs. */
    public record Finding(FindingKey key, String driver, int run, String message, Shrinker.Size original,
                          Shrinker.Size shrunk, int shrinkTries, Scenario regression, Path file, List<String> fileProblems) {
        public Finding {
            fileProblems = List.copyOf(fileProblems);
        }
    }

    /** The outcome: findings in the order they were made, how many runs it took, and whether the budget cut it short. */
    public record Report(List<Finding> findings, int runs, boolean budgetExhausted) {}

    /** Steps per scenario at most, unless {@code --steps} says otherwise. */
    public static final int DEFAULT_STEPS = 8;

    private final Options o;

    public Explorer(Options o) {
        this.o = o;
    }

    /** The seed of scenario {@code run}: a SplitMix64 finaliser over both, so neighbours differ in every bit. */
    public static long runSeed(long seed, int run) {
        long z = seed + 0x9E3779B97F4A7C15L * (run + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public Report run(Listener listener) throws IOException {
        long deadline = o.budgetSeconds().map(s -> System.nanoTime() + (long) (s * 1e9)).orElse(Long.MAX_VALUE);
        ScenarioGenerator gen = new ScenarioGenerator(o.maxSteps(), o.drivers(), o.interleavings());
        BenchParts against = o.against() == null ? null : BenchParts.of(o.against());
        Map<String, Oracle> oracles = new LinkedHashMap<>();
        for (String d : o.drivers()) oracles.put(d, new Oracle(BenchParts.of(d), against));

        record Raw(FindingKey key, String driver, int run, Scenario scenario) {}
        List<Raw> raw = new ArrayList<>();
        int runs = 0;
        boolean cut = false;
        explore:
        for (int i = 0; i < o.runs(); i++) {
            if (System.nanoTime() > deadline) {
                cut = true;
                break;
            }
            Scenario s = gen.generate(runSeed(o.seed(), i), i, "explore-" + o.seed() + "-" + i);
            runs++;
            for (Oracle oracle : oracles.values()) {
                for (FindingKey k : findings(oracle, s, i)) {
                    boolean known = raw.stream().anyMatch(r -> r.key.equals(k) && r.driver.equals(oracle.driverId()));
                    if (known) continue;
                    raw.add(new Raw(k, oracle.driverId(), i, s));
                    if (!o.keepGoing()) {
                        listener.ran(runs, raw.size());
                        break explore;
                    }
                }
            }
            listener.ran(runs, raw.size());
        }

        List<Finding> findings = new ArrayList<>();
        for (Raw r : raw) findings.add(shrinkAndWrite(r.key, r.driver, r.run, r.scenario, against));
        return new Report(findings, runs, cut);
    }

    /** A crash of the bench is a bug in the bench; say which run made it, so it can be replayed. */
    private List<FindingKey> findings(Oracle oracle, Scenario s, int run) {
        try {
            return oracle.findings(s);
        } catch (RuntimeException e) {
            throw new IllegalStateException("run " + (run + 1) + " of seed " + o.seed() + " on " + oracle.driverId()
                    + " crashed the bench (replay: " + replayCommand(oracle.driverId(), run + 1) + ")", e);
        }
    }

    private Finding shrinkAndWrite(FindingKey key, String driver, int run, Scenario original, BenchParts against) throws IOException {
        Oracle oracle = new Oracle(BenchParts.of(driver), against);
        Shrinker shrinker = new Shrinker(s -> oracle.shows(s, key));
        Scenario shrunk = shrinker.shrink(original);
        String message = message(shrunk, driver, key);
        String replay = replayCommand(driver, run + 1);
        String name = key + " on " + driver;
        String description = "Found by smmu-bench explore (seed " + o.seed() + ", run " + (run + 1)
                + (o.against() != null ? ", against " + o.against() : "") + ") and shrunk from "
                + Shrinker.Size.of(original) + " to " + Shrinker.Size.of(shrunk) + ". " + message
                + " Replay: " + replay;
        Scenario regression = RegressionFile.build(shrunk, name, description, driver);
        Path file = o.out().resolve(RegressionFile.fileName(key, driver));
        List<String> problems = RegressionFile.write(file, regression);
        return new Finding(key, driver, run, message, Shrinker.Size.of(original), Shrinker.Size.of(shrunk),
                shrinker.tries(), regression, file, problems);
    }

    /** The finding's own words: the violation's message at the step that raised it. */
    private static String message(Scenario shrunk, String driver, FindingKey key) {
        if (key.invariant().equals(FindingKey.STEP_RESULT)) return "A step's result differs: " + key.function() + ".";
        Observation o = Observation.of(shrunk, BenchParts.of(driver));
        for (RecordedViolation v : o.violations()) {
            if (FindingKey.of(v).equals(key)) {
                String where = v.step() > 0 ? "step " + v.step() + " (" + v.stepText() + ")" : v.stepText();
                return where + ": " + v.invariant() + ": " + v.violation().message();
            }
        }
        return key + ".";
    }

    /** The command that regenerates this finding: the same seed, drivers and reference, runs up to it. */
    public String replayCommand(String driver, int runs) {
        StringBuilder b = new StringBuilder("smmu-bench explore --driver ").append(driver);
        if (o.against() != null) b.append(" --against ").append(o.against());
        b.append(" --seed ").append(o.seed()).append(" --runs ").append(runs);
        if (o.maxSteps() != DEFAULT_STEPS) b.append(" --steps ").append(o.maxSteps());
        if (o.interleavings()) b.append(" --interleavings");
        if (o.keepGoing()) b.append(" --keep-going");
        return b.toString();
    }
}
