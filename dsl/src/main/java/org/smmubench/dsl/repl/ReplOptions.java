package org.smmubench.dsl.repl;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * How a REPL session is opened. {@code systemTerminal}: the user's real terminal (line
 * editing, colours, Ctrl-C); otherwise a dumb terminal over the given streams, which is
 * how piped input and the tests drive it. {@code history}: null keeps no history.
 */
public record ReplOptions(String driverId, boolean jshell, Path file, InputStream in, OutputStream out,
                          boolean systemTerminal, Path history, LiveBench.Factory benches) {
    public static Path defaultHistory() {
        return Path.of(System.getProperty("user.home"), ".smmu-bench", "history");
    }
}
