package org.smmubench.features;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a step phrasing means and one line a user can copy. The step reference page
 * (features/STEPS.md) is generated from these, so a step without one is a build failure.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface StepDoc {
    /** The section of the reference page. */
    Section section();

    /** One or two sentences: what the step does, what it checks, its defaults. */
    String value();

    /** An example as a user writes it (several lines for tables and doc strings). */
    String example();

    enum Section {
        CONFIGURATION("Configuration (before any device, process or action)"),
        TOPOLOGY("Devices and processes"),
        ACTIONS("Actions"),
        ASSERTIONS("Assertions"),
        CONCURRENCY("Concurrent steps (tasks, as YAML's parallel:)"),
        WHOLE_SCENARIO("Whole YAML scenarios");

        public final String title;

        Section(String title) { this.title = title; }
    }
}
