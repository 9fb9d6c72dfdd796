package org.smmubench.scenario;

/**
 * Text from the user as it may be shown on a terminal: control characters (an escape
 * sequence could recolour or clear the screen) and Unicode bidirectional controls (which can
 * make a message read differently from what it says) are shown as {@code \\uXXXX}.
 * Line breaks and tabs are kept.
 */
public final class Printable {
    private Printable() {}

    public static String escape(String s) {
        if (s == null) return null;
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = (Character.isISOControl(c) && c != '\n' && c != '\t') || bidi(c);
            if (bad && out == null) out = new StringBuilder(s.substring(0, i));
            if (out != null) {
                if (bad) out.append(String.format("\\u%04x", (int) c));
                else out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    private static boolean bidi(char c) {
        return c == '\u061c' || c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
