package org.smmubench.hw.field;

import java.util.ArrayList;
import java.util.List;

/** Renders an entry from its field declarations, one {@code NAME=0x...} per line (REPL {@code show}). */
public final class Dump {
    private Dump() {
    }

    public static String render(List<Field> fields, long[] entry) {
        return String.join("\n", lines(fields, entry));
    }

    public static List<String> lines(List<Field> fields, long[] entry) {
        List<String> out = new ArrayList<>(fields.size());
        for (Field f : fields) {
            if (f.dword() < entry.length) {
                out.add(f.name() + "=0x" + Long.toHexString(f.display(entry)));
            }
        }
        return out;
    }

    /** Only the fields whose value is not zero: what is worth reading in a trace. */
    public static String renderNonZero(List<Field> fields, long[] entry) {
        List<String> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.dword() < entry.length && f.display(entry) != 0) {
                out.add(f.name() + "=0x" + Long.toHexString(f.display(entry)));
            }
        }
        return String.join(" ", out);
    }

    /** Renders a 32-bit register value. */
    public static String renderRegister(List<Field> fields, int value) {
        return render(fields, new long[] {value & 0xffff_ffffL});
    }
}
