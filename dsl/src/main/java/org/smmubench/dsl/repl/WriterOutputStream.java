package org.smmubench.dsl.repl;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Bytes from the terminal to the CLI's PrintWriter. Decodes at flush, so a UTF-8
 * character split across writes arrives whole.
 */
final class WriterOutputStream extends OutputStream {
    private final PrintWriter target;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    WriterOutputStream(PrintWriter target) { this.target = target; }

    @Override public void write(int b) { pending.write(b); }

    @Override public void write(byte[] b, int off, int len) { pending.write(b, off, len); }

    @Override public void flush() {
        target.write(pending.toString(StandardCharsets.UTF_8));
        pending.reset();
        target.flush();
    }

    @Override public void close() { flush(); }
}
