package org.smmubench.dsl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A java process of the test's own JDK, for the tests that must see the bench the way a user
 * starts it (the packaged jar, the default checking mode) rather than on the test's class
 * path and in its JVM. Its standard streams go through files in the test's directory, so a
 * chatty child never blocks on a full pipe.
 */
public final class ChildJvm {
    private ChildJvm() {}

    /** How the child ended: its exit code and what it wrote. */
    public record Result(int code, String out, String err) {}

    /**
     * Runs {@code java ARGS...} with {@code stdin} (null: no input) and waits up to
     * {@code seconds}; returns null when it had not finished by then (it is killed).
     */
    public static Result run(Path dir, byte[] stdin, long seconds, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(args);
        Path out = Files.createTempFile(dir, "child", ".out");
        Path err = Files.createTempFile(dir, "child", ".err");
        Path in = Files.createTempFile(dir, "child", ".in");
        Files.write(in, stdin == null ? new byte[0] : stdin);
        Process p = new ProcessBuilder(cmd).redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return null;
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
