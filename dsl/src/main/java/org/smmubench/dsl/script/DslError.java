package org.smmubench.dsl.script;

/**
 * A mistake in a DSL statement (unknown name, bad argument). Carries no position: the
 * statement's position is found from the script's stack frame by whoever catches it, so
 * the vocabulary code stays free of location plumbing.
 */
public final class DslError extends RuntimeException {
    public DslError(String message) {
        super(message, null, false, false);
    }
}
