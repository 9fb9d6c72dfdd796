package org.smmubench.bench.report;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that it is either the old file or the whole new one, never a mix: the
 * bytes go to a temporary file in the same directory, are forced to disk, and the temporary
 * file is renamed over the target. A full disk, a crash or an exception half-way leaves the
 * previous report (or saved scenario) as it was. Every report writer and the REPL's
 * {@code save} go through here.
 */
public final class AtomicFile implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private boolean done;

    private AtomicFile(Path target) throws IOException {
        this.target = target;
        Path dir = target.toAbsolutePath().getParent();
        String name = target.getFileName().toString();
        this.temp = Files.createTempFile(dir, "." + name + ".", ".tmp");
        this.channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        // The formatter that writes may close the stream itself; only commit() finishes the file.
        this.stream = new FilterOutputStream(Channels.newOutputStream(channel)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }

            @Override
            public void close() throws IOException { flush(); }
        };
    }

    /** Starts writing {@code target}; nothing is visible there until {@link #commit()}. */
    public static AtomicFile open(Path target) throws IOException {
        return new AtomicFile(target);
    }

    /** Writes {@code text} (UTF-8) to {@code target} atomically. */
    public static void write(Path target, String text) throws IOException {
        try (AtomicFile f = open(target)) {
            f.stream().write(text.getBytes(StandardCharsets.UTF_8));
            f.commit();
        }
    }

    public OutputStream stream() { return stream; }

    /** Forces the bytes to disk and renames the temporary file over the target. */
    public void commit() throws IOException {
        if (done) return;
        stream.flush();
        channel.force(true);
        channel.close();
        // createTempFile makes the file private; a report is as readable as any file the user writes.
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: keep what it gave.
        }
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        done = true;
    }

    /** Drops the temporary file unless committed; the target is untouched. */
    @Override
    public void close() {
        if (done) return;
        done = true;
        try {
            channel.close();
        } catch (IOException e) {
            // Closing an abandoned temporary file: nothing left to save.
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // A leftover hidden .tmp beside the report is harmless; the report itself is intact.
        }
    }
}
