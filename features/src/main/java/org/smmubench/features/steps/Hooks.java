package org.smmubench.features.steps;

import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;

import org.smmubench.features.ScenarioWorld;

/** Starts and ends each scenario's world (the end runs the bench's end-of-run checks). */
public final class Hooks {
    private final ScenarioWorld world;

    public Hooks(ScenarioWorld world) { this.world = world; }

    @Before(order = 0)
    public void begin(Scenario scenario) { world.begin(scenario.getId(), scenario.getUri(), scenario.getLine()); }

    @After(order = 0)
    public void end() { world.end(); }
}
