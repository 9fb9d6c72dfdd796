package org.smmubench.bench;

/** A step whose result differed from its {@code expect}. */
public record StepFailure(int step, String stepText, String expected, String actual, String message) {}
