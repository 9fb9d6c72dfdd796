package org.smmubench.dsl.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Turns the {@code PATH...} arguments of {@code run} into scenario files. Directories are
 * searched recursively and their files sorted, so a run's order (and its report) never
 * depends on the file system. Hidden directories (.git, .idea) are not searched.
 */
final class ScenarioFiles {
    /** Every extension a scenario file may have (docs/cli.md), whether or not a runner is installed. */
    static final List<String> EXTENSIONS = List.of("yaml", "yml", "groovy", "feature");

    /** The files to run, and notes about files found in directories that no runner handles. */
    record Collected(List<Path> files, List<String> warnings) {}

    private ScenarioFiles() {}

    static Collected collect(List<Path> paths, Set<String> runnable) throws UserError {
        Set<Path> files = new LinkedHashSet<>();
        List<String> warnings = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) throw new UserError(p + ": no such file or directory");
            if (Files.isDirectory(p)) {
                collectDirectory(p, runnable, files, warnings);
            } else {
                String ext = extension(p);
                if (!EXTENSIONS.contains(ext))
                    throw new UserError(p + ": not a scenario file (expected .yaml, .yml, .groovy or .feature)");
                if (!runnable.contains(ext))
                    throw new UserError(p + ": ." + ext + " scenarios are not supported in this build (no runner installed)");
                files.add(p);
            }
        }
        return new Collected(List.copyOf(files), warnings);
    }

    private static void collectDirectory(Path dir, Set<String> runnable, Set<Path> into, List<String> warnings)
            throws UserError {
        List<Path> found = walk(dir);
        if (found.isEmpty())
            throw new UserError(dir + ": no scenario files (.yaml, .yml, .groovy, .feature) in this directory");
        // A directory may mix formats whose runner another part of the build provides;
        // skipping them with a note keeps `run examples` useful while that part is missing.
        Map<String, Integer> skipped = new TreeMap<>();
        int kept = 0;
        for (Path f : found) {
            if (runnable.contains(extension(f))) {
                into.add(f);
                kept++;
            } else {
                skipped.merge(extension(f), 1, Integer::sum);
            }
        }
        skipped.forEach((ext, n) -> warnings.add("skipping " + n + " ." + ext + " file" + (n == 1 ? "" : "s")
                + " under " + dir + ": no ." + ext + " runner in this build"));
        if (kept == 0)
            throw new UserError(dir + ": none of its scenario files can be run by this build (no runner for "
                    + String.join(", ", skipped.keySet().stream().map(e -> "." + e).toList()) + ")");
    }

    private static List<Path> walk(Path dir) throws UserError {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(f -> EXTENSIONS.contains(extension(f)))
                    .filter(f -> !hidden(dir, f))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new UserError(dir + ": cannot read directory: " + e.getMessage());
        }
    }

    private static boolean hidden(Path root, Path file) {
        for (Path part : root.relativize(file)) if (part.toString().startsWith(".")) return true;
        return false;
    }

    static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }
}
