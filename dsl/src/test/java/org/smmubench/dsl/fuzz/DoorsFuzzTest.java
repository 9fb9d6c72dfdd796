package org.smmubench.dsl.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smmubench.check.Checking;
import org.smmubench.dsl.ChildJvm;
import org.smmubench.dsl.cli.Main;
import org.smmubench.dsl.repl.LiveBench;
import org.smmubench.dsl.repl.Repl;
import org.smmubench.dsl.repl.ReplOptions;

import picocli.CommandLine;

/**
 * Mutates the shipped examples for every door (YAML, Groovy, Gherkin files through
 * {@code smmu-bench run}, and lines typed at the REPL) from a fixed seed, and holds every
 * outcome to the contract: exit 0 or 1 with a result, or exit 2 with a location in the
 * mutated file; never exit 3, a stack trace or a hang.
 *
 * <p>In {@code mvn verify} it runs {@code fuzz.mutants} mutants (120 by default; a count, not a
 * time, so a slower or faster machine runs the same mutants) within {@code fuzz.seconds} (30 by
 * default, a cap: what a run reaches is then reported). A longer
 * campaign: {@code mvn -B verify -Pfuzz} (30 minutes; {@code -Dfuzz.campaign.seconds=600} for ten), or {@code -Dfuzz.seconds=600
 * -Dfuzz.seed=7}. Findings are written to {@code target/fuzz-findings/} to replay by hand.
 */
class DoorsFuzzTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Path FINDINGS = Path.of("target", "fuzz-findings");
    /** A mutant that takes this long is a hang (generous: the build machine is shared). */
    private static final long HANG_SECONDS = Long.getLong("fuzz.hang.seconds", 90);

    @TempDir
    Path dir;

    private record Outcome(int code, String out, String err) {}

    private final List<String> findings = new ArrayList<>();
    /** Runs one mutant at a time; replaced after a hang, whose thread may never come back. */
    private ExecutorService pool;

    private static ExecutorService newPool() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz");
            t.setDaemon(true);
            return t;
        });
    }

    private void abandon(Future<?> f) {
        f.cancel(true);
        pool.shutdownNow();
        pool = newPool();
    }
    private final int[] counts = new int[8];

    @Test
    void everyDoorSurvivesMutatedExamples() throws Exception {
        long seconds = Long.getLong("fuzz.seconds", 30);
        long mutants = Long.getLong("fuzz.mutants", 120);
        long seed = Long.getLong("fuzz.seed", 20261129L);
        Random rnd = new Random(seed);
        List<Path> sources = examples();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        pool = newPool();
        int n = 0;
        try {
            // Round-robin over the doors so even a short budget reaches each of them.
            while (n < mutants && System.nanoTime() < deadline && findings.size() < 20) {
                int door = n % 4;
                if (door == 3) replSession(rnd, sources, n);
                else fileMutant(rnd, sources, door, n);
                n++;
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("fuzz: seed %d, %d s, %d mutants: %d exit 0, %d exit 1, %d exit 2, %d REPL sessions,"
                        + " %d over %d s only when cross-checked (judged in the default mode), %d findings%n",
                seed, seconds, n, counts[0], counts[1], counts[2], counts[3], counts[4], HANG_SECONDS, findings.size());
        assertEquals(List.of(), findings, "findings (replay them from " + FINDINGS.toAbsolutePath() + ")");
    }

    @Test
    void theJudgeTellsATraceFromATabBeforeTheWordAt() {
        String result = "1 passed, 0 failed\n";
        assertEquals(null, judge(new Outcome(0, result, "scenario \"first bind \tat PASID 0x400\"\n"), "m.groovy"));
        assertEquals("a stack trace or internal error (exit 0)",
                judge(new Outcome(0, result, "java.lang.NullPointerException\n\tat org.smmubench.bench.Bench.run(Bench.java:231)\n"), "m.groovy"));
    }

    private List<Path> examples() throws IOException {
        try (Stream<Path> s = Files.walk(EXAMPLES)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().matches(".*\\.(yaml|groovy|feature)$"))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        }
    }

    private void fileMutant(Random rnd, List<Path> sources, int door, int n) throws Exception {
        String ext = switch (door) {
            case 0 -> "yaml";
            case 1 -> "groovy";
            default -> "feature";
        };
        List<Path> mine = sources.stream().filter(p -> p.toString().endsWith("." + ext)).toList();
        Path src = mine.get(rnd.nextInt(mine.size()));
        byte[] bytes = Mutator.mutate(rnd, Files.readAllBytes(src), ext);
        Path file = dir.resolve("m" + n + "." + ext);
        Files.write(file, bytes);
        Future<Outcome> f = pool.submit(() -> cli("run", "--script-timeout", "5", file.toString()));
        Outcome o;
        try {
            o = f.get(HANG_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            abandon(f);
            Outcome again = userMode(null, "run", "--script-timeout", "5", file.toString());
            if (again == null) {
                finding(n, src, file, bytes, "hang: no outcome after " + HANG_SECONDS + " s" + (crossChecked() ? ", cross-checked or not" : ""));
                return;
            }
            o = again;
        }
        String problem = judge(o, file.toString());
        if (o.code() >= 0 && o.code() <= 2) counts[o.code()]++;
        if (problem != null) finding(n, src, file, bytes, problem + "\n--- stdout\n" + o.out() + "\n--- stderr\n" + o.err());
    }

    /**
     * A line of a Java stack trace. Not just a tab and "at": the REPL echoes what was typed, and
     * a mutant that put a tab before the word "at" in a string was once taken for a trace.
     */
    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\tat [\\w$.]+(\\.<\\w+>)?\\(");

    /** Null when the outcome keeps the contract, else what is wrong with it. */
    static String judge(Outcome o, String file) {
        if (o.err().contains("internal error") || STACK_FRAME.matcher(o.err()).find() || o.err().contains("Exception in thread"))
            return "a stack trace or internal error (exit " + o.code() + ")";
        switch (o.code()) {
            case 0, 1 -> {
                if (!Pattern.compile("(?m)^\\d+ passed, \\d+ failed$").matcher(o.out()).find()) return "exit " + o.code() + " without a result";
                return null;
            }
            case 2 -> {
                Pattern located = Pattern.compile("(?m)^" + Pattern.quote(file) + ":\\d+");
                if (!located.matcher(o.err()).find()) return "exit 2 without a location in the file";
                return null;
            }
            default -> {
                return "exit " + o.code();
            }
        }
    }

    private static Outcome cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** A REPL session typing mutated statements and commands: it must reach its last line. */
    private void replSession(Random rnd, List<Path> sources, int n) throws Exception {
        List<Path> groovy = sources.stream().filter(p -> p.toString().endsWith(".groovy")).toList();
        Path src = groovy.get(rnd.nextInt(groovy.size()));
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(src)) if (!l.isBlank() && !l.strip().startsWith("//")) lines.add(l);
        StringBuilder in = new StringBuilder();
        for (String l : lines) in.append(Mutator.replLine(rnd, l, lines)).append('\n');
        in.append("violations\nsave ").append(dir.resolve("saved" + n + ".yaml")).append("\nshow nic0\nprintln 'END-OF-SESSION'\nquit\n");
        byte[] input = in.toString().getBytes(StandardCharsets.UTF_8);
        Future<String> f = pool.submit(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Repl.run(new ReplOptions(org.smmubench.driver.tree.DriverVariants.DEFAULT, false, null, new ByteArrayInputStream(input), out, false, null, LiveBench::real));
            return out.toString(StandardCharsets.UTF_8);
        });
        String out;
        try {
            out = f.get(HANG_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            abandon(f);
            Outcome again = userMode(input, "repl");
            if (again == null) {
                finding(n, src, dir.resolve("repl" + n + ".txt"), input, "REPL hang" + (crossChecked() ? ", cross-checked or not" : ""));
                return;
            }
            out = again.out() + again.err();
        } catch (java.util.concurrent.ExecutionException e) {
            finding(n, src, dir.resolve("repl" + n + ".txt"), input, "the REPL session ended with " + e.getCause());
            return;
        }
        counts[3]++;
        if (STACK_FRAME.matcher(out).find() || out.contains("Exception in thread"))
            finding(n, src, dir.resolve("repl" + n + ".txt"), input, "stack trace in the REPL:\n" + out);
        // An unfinished construct ({, [, /*) asks for more input by design; at the end of input
        // the REPL must then say what it dropped.
        else if (!out.contains("END-OF-SESSION") && !out.contains("warning: input ended inside an unfinished statement"))
            finding(n, src, dir.resolve("repl" + n + ".txt"), input, "the session did not reach its last line:\n" + out);
    }

    private static boolean crossChecked() { return Checking.defaultMode() == Checking.CROSS_CHECK; }

    /**
     * The outcome of a mutant that hung here, run again the way a user runs it: in a JVM of
     * its own with the default (incremental) checking, within the same limit; null when it
     * hangs there too. The suite cross-checks, and the full walks that cross-checking adds
     * after every step are O(machine) per step by design ({@code --paranoid}): a mutated loop
     * that builds a group of thousands of devices is then slow, not hung. Such mutants are
     * counted, and the user's mode is held to the contract instead.
     */
    private Outcome userMode(byte[] stdin, String... args) throws IOException, InterruptedException {
        if (!crossChecked()) return null;
        List<String> cmd = new ArrayList<>(List.of("-Dsmmubench.checking=incremental", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        ChildJvm.Result r = ChildJvm.run(dir, stdin, HANG_SECONDS, cmd);
        if (r == null) return null;
        counts[4]++;
        return new Outcome(r.code(), r.out(), r.err());
    }

    private void finding(int n, Path src, Path file, byte[] bytes, String what) throws IOException {
        Files.createDirectories(FINDINGS);
        Path keep = FINDINGS.resolve(file.getFileName());
        Files.write(keep, bytes);
        findings.add("#" + n + " from " + src + " (" + keep + "): " + what);
    }
}
