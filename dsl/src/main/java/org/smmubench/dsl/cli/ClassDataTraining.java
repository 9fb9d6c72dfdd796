package org.smmubench.dsl.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import picocli.CommandLine;

/**
 * The launcher's class-data-sharing training run: {@code scripts/smmu-bench} starts this class
 * once after each build, under {@code -XX:ArchiveClassesAtExit}, so the archive every later
 * command maps holds the classes of the commands users start most, not only those of whichever
 * command happened to run first (a YAML run leaves out Groovy and the REPL; a REPL session
 * leaves out the JSON schema). It does, in one JVM and with all output discarded:
 * {@code run} on the scenario files given (a YAML and a Groovy one), {@code drivers}, and a
 * short REPL session on the live bench.
 *
 * <p>Usage: {@code java -cp smmu-bench.jar org.smmubench.dsl.cli.ClassDataTraining FILE...}.
 * It always exits 0 when it got as far as the end: a scenario that fails only means its
 * classes were loaded anyway. Its reports are never seen, so it is not a test of anything.
 */
public final class ClassDataTraining {
    /** Loads the REPL's parser, a bench, the live splat and the hardware views; ends the session. */
    public static final String REPL_SESSION = """
            pci 'nic0', sid: 0x100
            process 'proc1', pasid: 1024, mappings: [[va: 0x400000, size: 0x10000, prot: 'rw']]
            bind 'nic0', 'proc1'
            dma 'nic0', 'proc1', va: 0x400000, access: 'write'
            show nic0
            violations
            quit
            """;

    private ClassDataTraining() {}

    public static void main(String[] files) throws Exception {
        // The same switches Main sets before its first command line; set here as well because
        // this class, not Main, is the entry point of the training JVM.
        System.setProperty("picocli.disable.closures", "true");
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream(), true);
        PrintStream discardStream = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        PrintStream out = System.out;
        System.setOut(discardStream);
        System.setErr(discardStream);
        try {
            List<String> run = new ArrayList<>(List.of("run"));
            run.addAll(List.of(files));
            execute(discard, run.toArray(String[]::new));
            execute(discard, "drivers");
            InputStream in = System.in;
            System.setIn(new ByteArrayInputStream(REPL_SESSION.getBytes(StandardCharsets.UTF_8)));
            try {
                Optional<ReplLauncher> repl = ReplCommand.installed();
                if (repl.isPresent()) execute(discard, "repl");
            } finally {
                System.setIn(in);
            }
        } finally {
            System.setOut(out);
        }
    }

    private static void execute(PrintWriter discard, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(discard);
        cl.setErr(discard);
        cl.execute(args);
    }
}
