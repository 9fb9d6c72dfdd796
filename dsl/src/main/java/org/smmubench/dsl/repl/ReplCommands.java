package org.smmubench.dsl.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.smmubench.dsl.script.Verbs;

/**
 * The REPL's own commands (README.md, "REPL"): typed without quotes ({@code show nic0}),
 * recognised before a line goes to Groovy. Everything else on the prompt is a statement
 * or plain Groovy.
 */
public final class ReplCommands {
    public record Command(String name, String usage, String summary) {}

    public static final List<Command> ALL = List.of(
            new Command("show", "show DEVICE|PROCESS|smmu|caches|events", "a device's STE and CD table decoded (valid entries);"
                    + " a process's PASID, ASID, mapped ranges and bonds; the SMMU's registers and queues; its cached STEs,"
                    + " CDs, TLB and ATC entries (STALE where memory differs); the events it recorded"),
            new Command("violations", "violations", "every violation so far, with the step that caused it"),
            new Command("trace", "trace on|off", "print the modelled call trace and the commands queued by each step"),
            new Command("reset", "reset", "a fresh bench on the same driver; the session starts over"),
            new Command("driver", "driver TREE", "a fresh bench on another kernel tree (" + String.join(", ", org.smmubench.driver.tree.DriverVariants.expand(List.of("all"))) + ", or any tree `drivers` lists commits for)"),
            new Command("save", "save FILE.yaml|FILE.groovy", "write the session (topology and the steps that ran) as a regression scenario expecting the violations seen"),
            new Command("save!", "save! FILE.yaml|FILE.groovy", "the same, replacing FILE if it exists"),
            new Command("load", "load FILE.groovy|FILE.yaml", "run a scenario file's statements in this session"),
            new Command("help", "help [STATEMENT]", "this text, or one statement's usage"),
            new Command("quit", "quit", "leave (also: exit, Ctrl-D); with unsaved statements, asks for a second exit"));

    /** A parsed command line: the command and its (unquoted) arguments. */
    public record Invocation(String name, List<String> args) {}

    private ReplCommands() {}

    public static List<String> names() { return ALL.stream().map(Command::name).toList(); }

    /** True for a DSL statement verb, whose names go in quotes. */
    public static boolean isStatement(String word) {
        return Verbs.find(word).isPresent() && !word.equals("driver");
    }

    /**
     * The command on this line, if it is one. {@code exit} alone leaves; {@code exit 'p'}
     * is the process-exit statement.
     */
    public static Optional<Invocation> parse(String line) {
        String t = line.strip();
        if (t.endsWith(";")) t = t.substring(0, t.length() - 1).strip();
        String[] parts = t.split("\\s+");
        if (parts.length == 0 || parts[0].isEmpty()) return Optional.empty();
        String name = parts[0];
        if (name.equals("exit") || name.equals(":q")) name = parts.length == 1 ? "quit" : null;
        if (name == null || !names().contains(name)) return Optional.empty();
        // `driver 'a', 'b'` (a list) stays a statement so it gets the statement's error.
        if (name.equals("driver") && t.contains(",")) return Optional.empty();
        List<String> args = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) args.add(unquote(parts[i]));
        return Optional.of(new Invocation(name, args));
    }

    static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"') && s.charAt(s.length() - 1) == s.charAt(0))
            return s.substring(1, s.length() - 1);
        return s;
    }
}
