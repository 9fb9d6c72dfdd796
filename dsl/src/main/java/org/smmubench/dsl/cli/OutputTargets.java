package org.smmubench.dsl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks every report path of {@code run} before anything runs, so that a run of many
 * minutes does not end with "cannot write": the path is not a directory, its directory
 * exists and is writable, it is none of the input files (a report written over a scenario
 * would destroy it), and no two reports name the same file.
 */
final class OutputTargets {
    /** One report the user asked for: its kind ("JSON"), option and path. */
    record Target(String kind, String option, Path file) {}

    private OutputTargets() {}

    static List<String> check(List<Target> targets, List<Path> inputs) {
        List<String> out = new ArrayList<>();
        Map<Path, Target> seen = new LinkedHashMap<>();
        for (Target t : targets) {
            if (t.file() == null) continue;
            String head = "cannot write " + t.kind() + " report " + t.file() + ": ";
            Path abs = t.file().toAbsolutePath().normalize();
            Target first = seen.putIfAbsent(abs, t);
            if (first != null) {
                out.add(t.option() + " and " + first.option() + " both name " + t.file() + "; give each report a file of its own");
                continue;
            }
            if (Files.isDirectory(t.file())) {
                out.add(head + "it is a directory");
                continue;
            }
            Path dir = abs.getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                out.add(head + "no such directory");
                continue;
            }
            if (!Files.isWritable(dir)) {
                out.add(head + "permission denied (its directory is not writable)");
                continue;
            }
            for (Path in : inputs) {
                if (same(t.file(), in)) {
                    out.add(head + "it is one of the input files; the report would overwrite it");
                    break;
                }
            }
        }
        return out;
    }

    private static boolean same(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
