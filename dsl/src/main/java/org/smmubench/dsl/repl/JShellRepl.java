package org.smmubench.dsl.repl;

import java.io.PrintWriter;
import java.nio.file.Path;

import org.jline.reader.LineReader;

/** Placeholder until the JShell session is written. */
final class JShellRepl {
    private JShellRepl() {}

    static int run(ReplSession session, LineReader reader, PrintWriter out, Path file) {
        out.println("--jshell: not yet");
        return 2;
    }
}
