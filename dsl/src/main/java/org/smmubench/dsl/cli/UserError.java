package org.smmubench.dsl.cli;

/** A mistake in what the user asked for: printed as one line, exit code 2, never a stack trace. */
final class UserError extends Exception {
    UserError(String message) {
        super(message);
    }
}
