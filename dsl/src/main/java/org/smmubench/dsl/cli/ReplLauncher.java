package org.smmubench.dsl.cli;

/**
 * The hook through which {@code smmu-bench repl} starts the interactive shell. The REPL
 * (org.smmubench.dsl.repl) implements it and registers the implementation in
 * META-INF/services/org.smmubench.dsl.cli.ReplLauncher, so the CLI builds and runs
 * without it.
 */
public interface ReplLauncher {
    /** Runs the session until the user leaves it; returns the process exit code. */
    int launch(ReplRequest request) throws Exception;
}
