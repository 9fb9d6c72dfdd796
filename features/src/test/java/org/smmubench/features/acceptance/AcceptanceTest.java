package org.smmubench.features.acceptance;

import static io.cucumber.junit.platform.engine.Constants.FILTER_TAGS_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * The bench's acceptance suite: its behaviour described in Gherkin with the shipped step
 * library alone (the glue is the library's package, nothing of the suite's own), run by
 * {@code mvn -B verify} through the JUnit Platform suite engine.
 */
@Suite
@IncludeEngines("cucumber")
@SelectPackages("org.smmubench.features.acceptance")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "org.smmubench.features.steps")
// @bench-issue marks a scenario that found a problem in the model itself, kept in the
// suite's text (so it is fixed, not forgotten) but not run until the model is.
@ConfigurationParameter(key = FILTER_TAGS_PROPERTY_NAME, value = "not @bench-issue")
@ConfigurationParameter(key = PLUGIN_PROPERTY_NAME,
        value = "summary, html:target/cucumber/acceptance.html, junit:target/cucumber/acceptance.xml")
class AcceptanceTest {}
