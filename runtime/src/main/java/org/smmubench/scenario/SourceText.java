package org.smmubench.scenario;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a scenario file of any door as UTF-8 text, refusing what cannot be a scenario with
 * a location: a file beyond the size limit (before reading it), bytes that are not UTF-8
 * (at the line and column of the first bad byte), and UTF-16/32 text (by its byte-order
 * mark). A UTF-8 byte-order mark is dropped, as editors on some systems write one.
 */
public final class SourceText {
    /**
     * The largest scenario file: the YAML reader (SnakeYAML Engine) refuses documents beyond
     * 3 MiB, and the other doors keep the same limit. A scenario of 100,000 steps does not fit
     * in YAML (about 60 bytes a step); write it as a Groovy loop instead.
     */
    public static final long MAX_BYTES = 3L << 20;

    private SourceText() {}

    public static String read(Path file) {
        String display = file.toString();
        SourcePos top = new SourcePos(display, 1, 1);
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES)
                throw new ScenarioException(top, "the file is " + mib(size) + "; scenario files are limited to 3 MiB"
                        + " (split it into several files, or generate long step sequences with a Groovy loop)");
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(new SourcePos(display, 0, 0), "cannot read: no such file");
        } catch (AccessDeniedException e) {
            throw new ScenarioException(new SourcePos(display, 0, 0), "cannot read: permission denied");
        } catch (IOException e) {
            throw new ScenarioException(new SourcePos(display, 0, 0), "cannot read: " + e.getMessage());
        }
        return decode(display, bytes);
    }

    /** The text of {@code bytes}, or a located error at the first byte that is not UTF-8. */
    public static String decode(String display, byte[] bytes) {
        if (bytes.length > MAX_BYTES)
            throw new ScenarioException(new SourcePos(display, 1, 1), "the file is " + mib(bytes.length)
                    + "; scenario files are limited to 3 MiB");
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xfe && bytes[1] == (byte) 0xff) || (bytes[0] == (byte) 0xff && bytes[1] == (byte) 0xfe)))
            throw new ScenarioException(new SourcePos(display, 1, 1), "the file is UTF-16 (it starts with a UTF-16 byte-order mark);"
                    + " scenario files are UTF-8");
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xef && bytes[1] == (byte) 0xbb && bytes[2] == (byte) 0xbf ? 3 : 0;
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = dec.decode(in, out, true);
        if (!r.isError()) r = dec.flush(out);
        if (r.isError()) {
            int bad = in.position();
            throw new ScenarioException(at(display, bytes, start, bad),
                    "not UTF-8: byte 0x" + String.format("%02x", bytes[bad] & 0xff) + " at offset " + bad
                            + " cannot start or continue a UTF-8 character (scenario files are UTF-8)");
        }
        if (start == 0 && bytes.length >= 2 && (bytes[0] == 0 || bytes[1] == 0) && containsNul(bytes))
            throw new ScenarioException(new SourcePos(display, 1, 1), "the file holds NUL bytes (UTF-16 without a byte-order mark?);"
                    + " scenario files are UTF-8 text");
        out.flip();
        return out.toString();
    }

    private static boolean containsNul(byte[] b) {
        for (byte x : b) if (x == 0) return true;
        return false;
    }

    /** Line and column (in characters) of byte offset {@code bad}, counting from the text's start. */
    private static SourcePos at(String display, byte[] bytes, int start, int bad) {
        int line = 1;
        int col = 1;
        for (int i = start; i < bad; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                line++;
                col = 1;
            } else if ((b & 0xc0) != 0x80) {
                col++;
            }
        }
        return new SourcePos(display, line, col);
    }

    private static String mib(long n) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", n / (double) (1 << 20));
    }
}
