package org.smmubench.dsl.repl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Drives a REPL session through piped input on a dumb terminal, as `... | smmu-bench repl` does. */
final class ReplHarness {
    private ReplHarness() {}

    static String run(String driver, String input, LiveBench.Factory benches) {
        return run(driver, input, benches, null, false);
    }

    static String run(String driver, String input, LiveBench.Factory benches, Path file, boolean jshell) {
        var in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
        var out = new ByteArrayOutputStream();
        try {
            Repl.run(new ReplOptions(driver, jshell, file, in, out, false, null, benches));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
