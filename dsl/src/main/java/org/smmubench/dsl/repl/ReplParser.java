package org.smmubench.dsl.repl;

import java.util.ArrayList;
import java.util.List;

import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * JLine's view of a REPL line. On Enter it asks for more lines while the Groovy input is
 * unfinished (open brackets, an open triple-quoted string or block comment, a trailing
 * comma or backslash), which is what makes multi-line input work. For completion it splits
 * the line into words at blanks, commas and brackets, keeping quotes out of the word, and
 * puts them back around a completed name.
 */
public final class ReplParser implements Parser {
    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE) {
            String missing = missing(line);
            // Two blank lines give up on an unfinished input (a stray '[' or '/*' would
            // otherwise swallow every later line, quit included); the shell says what was dropped.
            if (missing != null && !line.matches("(?s).*\\n[ \\t]*\\n[ \\t]*")) throw new EOFError(-1, -1, "incomplete input", missing);
        }
        return words(line, cursor);
    }

    /** What the input still needs to be complete ("}" ...), or null when it is complete. */
    public static String missing(String text) {
        Deque stack = new Deque();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (text.startsWith("'''", i) || text.startsWith("\"\"\"", i)) {
                String q = text.substring(i, i + 3);
                int end = text.indexOf(q, i + 3);
                if (end < 0) return q;
                i = end + 3;
            } else if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') j += text.charAt(j) == '\\' ? 2 : 1;
                i = j + 1;                        // an unclosed one-line string is Groovy's error to report
            } else if (text.startsWith("//", i)) {
                int nl = text.indexOf('\n', i);
                i = nl < 0 ? n : nl;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) return "*/";
                i = end + 2;
            } else {
                if (c == '{' || c == '(' || c == '[') stack.push(c);
                else if (c == '}' || c == ')' || c == ']') {
                    if (stack.isEmpty()) return null;  // unbalanced: let the compiler say where
                    stack.pop();
                }
                i++;
            }
        }
        if (!stack.isEmpty()) return String.valueOf(closing(stack.peek()));
        String t = text.stripTrailing();
        if (t.endsWith(",") || t.endsWith("\\")) return "more";
        return null;
    }

    private static char closing(char open) {
        return open == '{' ? '}' : open == '(' ? ')' : ']';
    }

    /** A tiny char stack (no boxing, no java.util.Deque naming clash with the method above). */
    private static final class Deque {
        private final StringBuilder s = new StringBuilder();
        void push(char c) { s.append(c); }
        void pop() { s.setLength(s.length() - 1); }
        char peek() { return s.charAt(s.length() - 1); }
        boolean isEmpty() { return s.length() == 0; }
    }

    static Words words(String line, int cursor) {
        List<String> words = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && isDelimiter(line.charAt(i))) i++;
            if (i >= n) break;
            int start = i;
            char q = line.charAt(i);
            if (q == '\'' || q == '"') {
                i++;
                while (i < n && line.charAt(i) != q) i++;
                if (i < n) i++;
            } else {
                while (i < n && !isDelimiter(line.charAt(i))) i++;
            }
            words.add(line.substring(start, i));
            starts.add(start);
        }
        // Which word the cursor is in (or a new empty word after a delimiter).
        int index = -1;
        for (int w = 0; w < words.size(); w++) {
            int s = starts.get(w);
            if (cursor >= s && cursor <= s + words.get(w).length()) { index = w; break; }
        }
        if (index < 0) {
            index = 0;
            while (index < starts.size() && starts.get(index) < cursor) index++;
            words.add(index, "");
            starts.add(index, cursor);
        }
        return new Words(line, cursor, words, index, cursor - starts.get(index));
    }

    private static boolean isDelimiter(char c) {
        return Character.isWhitespace(c) || c == ',' || c == '(' || c == ')' || c == '[' || c == ']' || c == ';';
    }

    /** The words of a line; {@link #word()} is the current word without its opening quote. */
    record Words(String line, int cursor, List<String> rawWords, int wordIndex, int rawWordCursor)
            implements CompletingParsedLine {
        String raw() { return rawWords.get(wordIndex); }

        /** The quote the current word opened with, or 0. */
        char quote() {
            String r = raw();
            return !r.isEmpty() && (r.charAt(0) == '\'' || r.charAt(0) == '"') ? r.charAt(0) : 0;
        }

        @Override public String word() {
            String r = raw();
            String w = quote() != 0 ? r.substring(1) : r;
            if (quote() != 0 && w.endsWith(String.valueOf(quote()))) w = w.substring(0, w.length() - 1);
            return w;
        }

        @Override public int wordCursor() { return Math.max(0, Math.min(word().length(), rawWordCursor - (quote() != 0 ? 1 : 0))); }

        @Override public int wordIndex() { return wordIndex; }

        @Override public List<String> words() { return rawWords; }

        @Override public int rawWordLength() { return raw().length(); }

        /**
         * Names in a statement go in quotes ({@code bind 'nic0', 'proc1'}); keys
         * ({@code va:}), booleans and REPL commands' arguments ({@code show nic0}) do not.
         */
        @Override public CharSequence escape(CharSequence candidate, boolean complete) {
            String c = candidate.toString();
            if (!quotes(c)) return c;
            return closingQuote() + c + (complete ? String.valueOf(closingQuote()) : "");
        }

        /** Whether a candidate goes in quotes here: a name in a statement, not a key or a boolean. */
        boolean quotes(String candidate) {
            return wordIndex > 0 && ReplCommands.isStatement(rawWords.get(0))
                    && !candidate.endsWith(":") && !candidate.equals("true") && !candidate.equals("false");
        }

        /** The quote that closes the current word: the one it opened with, else a single quote. */
        char closingQuote() { return quote() != 0 ? quote() : '\''; }
    }
}
