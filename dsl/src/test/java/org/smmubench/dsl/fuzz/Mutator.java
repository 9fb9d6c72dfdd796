package org.smmubench.dsl.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mutations a hostile or careless user makes: lines dropped, doubled, swapped or
 * re-indented; numbers replaced by edge values (floats, negatives, 65-bit, PASID and SID
 * limits); words swapped; truncation; bytes that are not UTF-8; control, bidi and astral
 * characters; and each format's own traps (YAML anchors, aliases, tags and documents;
 * Groovy statements that throw, recurse or try to exit; Gherkin keywords and tables).
 */
final class Mutator {
    static final String[] NUMBERS = {"0", "-1", "1.0", "1024.0", ".inf", "-.inf", ".nan", "0x10000000000000100",
            "4294967296", "2147483648", "0xfffff", "0x100000", "99999999999999999999", "1e3", "0x", "1_000", "0o17",
            "+1", "0x1001", "0xffffffffffff000", "0x1000000000000", "26", "32", "21", "7", "1025", "65536", "-0x1000"};
    /**
     * The REPL has no time limit (Ctrl-C stops a runaway statement, and nobody presses it
     * here), so its numbers stay small enough that a loop over one ends: (0..4294967296)
     * would run for hours, as it would for a user. The file doors get the edge values.
     */
    static final String[] REPL_NUMBERS = {"0", "-1", "1.0", ".inf", "1025", "0x1001", "-0x1000", "26", "32", "7", "2"};
    static final String[] TEXT = {"\uD83D\uDE00", "\u202E", "\u001b[31m", "\u0000", "\t", "'", "\"", "\\", "é", "#", ": ", "- ", "{", "[", "}", "]"};
    static final String[] YAML = {"&a ", "*a", "<<: *a", "!!str ", "!!float ", "!!binary ", "!!javax.script.ScriptEngineManager ",
            "---\n", "...\n", "? ", "|\n", ">\n", "%YAML 1.1\n", "null", "~", "[]", "{}", "yes", "no"};
    static final String[] GROOVY = {"assert 1 == 2\n", "throw new Error('x')\n", "System.exit(0)\n",
            "def f(n) { f(n + 1) }; f(0)\n", "new File('/nonexistent').text\n", "evaluate('1/0')\n", "[\n", "/*\n",
            "smmu sidBits: 32\n", "smmu streamTable: 'linear', sidBits: 26\n", "exit 'proc1'\n",
            "map 'proc1', va: 0x400000, size: 0x1000\n", "dma 'nic0', pasid: 0xfffff, va: 0\n", "1/0\n", "null.x\n",
            "process 'proc9', pasid: 0\n", "pci 'nic9', sid: 0x100\n", "while (true) { }\n", "Thread.sleep(100)\n"};
    static final String[] GHERKIN = {"Given ", "When ", "Then ", "And ", "But ", "* ", "Scenario: x\n", "Feature: y\n",
            "Background:\n", "Examples:\n", "| a | b |\n", "\"\"\"\n", "@tag ", "Rule: r\n",
            "Given a PCI device \"nic0\" with stream ID 0x100\n", "Given an SMMUv3 with:\n  | sid-bits | 32 |\n",
            "When the 2st hit of \"kzalloc.bond\" fails\n", "Given a process \"proc1\" with PASID 0\n"};

    private static final Pattern NUMBER = Pattern.compile("-?0[xX][0-9a-fA-F]+|-?\\d+");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private Mutator() {}

    static byte[] mutate(Random rnd, byte[] source, String ext) {
        String text = new String(source, StandardCharsets.UTF_8);
        int rounds = 1 + rnd.nextInt(3);
        byte[] bytes = null;
        for (int i = 0; i < rounds; i++) {
            int op = rnd.nextInt(13);
            if (op == 12) {
                bytes = bytes(rnd, (bytes != null ? bytes : text.getBytes(StandardCharsets.UTF_8)));
                text = new String(bytes, StandardCharsets.UTF_8);
                continue;
            }
            bytes = null;
            text = mutate(rnd, text, ext, op);
        }
        return bytes != null ? bytes : text.getBytes(StandardCharsets.UTF_8);
    }

    private static String mutate(Random rnd, String text, String ext, int op) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int at = rnd.nextInt(Math.max(1, lines.size()));
        switch (op) {
            case 0 -> { if (!lines.isEmpty()) lines.remove(at); }
            case 1 -> lines.add(at, lines.get(at));
            case 2 -> {
                int other = rnd.nextInt(lines.size());
                String t = lines.get(at);
                lines.set(at, lines.get(other));
                lines.set(other, t);
            }
            case 3 -> lines.set(at, rnd.nextBoolean() ? "  " + lines.get(at) : lines.get(at).replaceFirst("^\\s{1,2}", ""));
            case 4, 5 -> { return replace(rnd, text, NUMBER, NUMBERS); }
            case 6 -> {
                List<String> words = new ArrayList<>();
                Matcher m = WORD.matcher(text);
                while (m.find()) words.add(m.group());
                if (!words.isEmpty()) return replace(rnd, text, WORD, words.toArray(String[]::new));
            }
            case 7 -> { return text.substring(0, rnd.nextInt(text.length() + 1)); }
            case 8 -> { return insert(rnd, text, TEXT[rnd.nextInt(TEXT.length)]); }
            case 9, 10, 11 -> {
                String[] pool = switch (ext) {
                    case "yaml" -> YAML;
                    case "groovy" -> GROOVY;
                    default -> GHERKIN;
                };
                String piece = pool[rnd.nextInt(pool.length)];
                // Whole statements and keywords go at the start of a line, fragments anywhere.
                if (piece.endsWith("\n") || ext.equals("feature")) lines.add(at, piece.stripTrailing());
                else return insert(rnd, text, piece);
            }
            default -> { }
        }
        return String.join("\n", lines);
    }

    /** A REPL line: as written, or mutated like a file line (never an endless loop: the REPL has no timeout). */
    static String replLine(Random rnd, String line, List<String> others) {
        int op = rnd.nextInt(8);
        String out = switch (op) {
            case 0 -> replace(rnd, line, NUMBER, REPL_NUMBERS);
            case 1 -> insert(rnd, line, TEXT[rnd.nextInt(TEXT.length)]);
            case 2 -> line.substring(0, rnd.nextInt(line.length() + 1));
            case 3 -> GROOVY[rnd.nextInt(GROOVY.length)].stripTrailing();
            case 4 -> others.get(rnd.nextInt(others.size()));
            default -> line;
        };
        if (out.contains("while (true)")) out = "assert false";
        // A line that leaves an unfinished construct would swallow the rest of the session
        // by design (the REPL asks for more); close it so the session's last line is typed.
        return out.replace("\n", " ") + (out.contains("/*") ? " */" : "") + (out.strip().equals("[") ? "]" : "");
    }

    private static String replace(Random rnd, String text, Pattern p, String[] pool) {
        Matcher m = p.matcher(text);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) spans.add(new int[] {m.start(), m.end()});
        if (spans.isEmpty()) return text;
        int[] s = spans.get(rnd.nextInt(spans.size()));
        return text.substring(0, s[0]) + pool[rnd.nextInt(pool.length)] + text.substring(s[1]);
    }

    private static String insert(Random rnd, String text, String piece) {
        int at = rnd.nextInt(text.length() + 1);
        // Never between the halves of a surrogate pair: that would be the mutator's own invalid text.
        if (at > 0 && at < text.length() && Character.isLowSurrogate(text.charAt(at))) at--;
        return text.substring(0, at) + piece + text.substring(at);
    }

    private static byte[] bytes(Random rnd, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = rnd.nextInt(b.length + 1);
        out.write(b, 0, at);
        byte[][] junk = {{(byte) 0xff}, {(byte) 0xc3}, {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, {0}, {(byte) 0xfe, (byte) 0xff},
                {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}};
        byte[] j = junk[rnd.nextInt(junk.length)];
        out.write(j, 0, j.length);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }
}
