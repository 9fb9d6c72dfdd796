package org.smmubench.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * The optional call trace: an indented line per function entry and exit, plus whatever the
 * driver logs (commands, lock operations), for reading a run as the kernel executed it.
 * Off by default: recording every call is only wanted when someone will read it.
 */
final class CallTrace {
    private final List<String> lines = new ArrayList<>();
    private boolean enabled;

    void setEnabled(boolean on) { enabled = on; }

    boolean enabled() { return enabled; }

    // Checked before the line is built: every modelled call passes here, traced or not.
    void enter(int depth, String function) { if (enabled) add(depth, "-> " + function); }

    void exit(int depth, String function) { if (enabled) add(depth, "<- " + function); }

    void add(int depth, String text) {
        if (enabled) {
            lines.add("  ".repeat(depth) + text);
        }
    }

    List<String> drain() {
        List<String> out = List.copyOf(lines);
        lines.clear();
        return out;
    }
}
