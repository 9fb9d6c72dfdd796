package org.smmubench.dsl.script;

/**
 * The script line each thread last started, for errors that carry no stack trace: Groovy
 * throws some of its own (an operator on a type that lacks it, such as {@code -'fixed'},
 * raises a {@code MissingMethodExceptionNoStack}), and without this the error could not say at
 * which line of the user's file it happened. {@link LineRecorder} makes every script
 * statement record its line here first.
 */
public final class ScriptLines {
    private static final ThreadLocal<int[]> LAST = ThreadLocal.withInitial(() -> new int[1]);

    private ScriptLines() {}

    /** Called by compiled scripts before each statement. */
    public static void at(int line) {
        LAST.get()[0] = line;
    }

    /** The line this thread's script last started, or 0. */
    public static int last() {
        return LAST.get()[0];
    }

    /** Forget the last line, before a new script (or REPL input) runs on this thread. */
    public static void reset() {
        LAST.get()[0] = 0;
    }
}
