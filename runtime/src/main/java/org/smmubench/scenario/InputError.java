package org.smmubench.scenario;

/** One problem with user input, printed as {@code FILE:LINE:COLUMN: message}. */
public record InputError(SourcePos pos, String message) {
    @Override
    public String toString() { return Printable.escape(pos + ": " + message); }
}
