package org.smmubench.scenario;

import java.io.Reader;

/**
 * Reads a string without ever ending a read between the two halves of a surrogate pair.
 * SnakeYAML Engine's StreamReader fills a fixed buffer and, when the buffer ends on a high
 * surrogate, reads one more char past the end of its own array (an IndexOutOfBoundsException
 * for any text with an emoji at the buffer boundary). Holding the high surrogate back for the
 * next read keeps it from ever seeing a split pair.
 */
final class SurrogateSafeReader extends Reader {
    private final String text;
    private int next;

    SurrogateSafeReader(String text) {
        this.text = text;
    }

    @Override
    public int read(char[] buf, int off, int len) {
        if (len == 0) return 0;
        if (next >= text.length()) return -1;
        int n = Math.min(len, text.length() - next);
        if (n > 1 && Character.isHighSurrogate(text.charAt(next + n - 1))) n--;
        text.getChars(next, next + n, buf, off);
        next += n;
        return n;
    }

    @Override
    public void close() {}
}
