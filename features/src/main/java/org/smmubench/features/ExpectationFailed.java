package org.smmubench.features;

/**
 * A Then step, or a When step with an expected result, found something else. Carries the
 * two values so the report's stepFailures say what was expected and what happened. The
 * message's first line is the whole statement (the reports keep that line); lines after it
 * are detail for Cucumber's own output, which the bench's reports print anyway as splats.
 */
public final class ExpectationFailed extends AssertionError {
    private final String expected;
    private final String actual;

    public ExpectationFailed(String expected, String actual, String message) {
        super(message);
        this.expected = expected;
        this.actual = actual;
    }

    public String expected() { return expected; }

    public String actual() { return actual; }
}
