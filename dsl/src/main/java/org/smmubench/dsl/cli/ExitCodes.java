package org.smmubench.dsl.cli;

/** The process exit codes promised in docs/cli.md; scripts and CI branch on them. */
public final class ExitCodes {
    public static final int PASSED = 0;
    public static final int FAILED = 1;
    /** Bad input or usage: nothing was run (picocli uses 2 for usage errors too). */
    public static final int BAD_INPUT = 2;
    /** A bug in the bench itself; reported with its stack trace. */
    public static final int INTERNAL = 3;

    private ExitCodes() {}
}
