package org.smmubench.dsl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the user asked {@code smmu-bench repl} for: the driver variant (canonical id), a
 * JShell instead of the Groovy shell, a scenario file to load first, and where to write.
 */
public record ReplRequest(String driverId, boolean jshell, Optional<Path> file, PrintWriter out, PrintWriter err) {}
