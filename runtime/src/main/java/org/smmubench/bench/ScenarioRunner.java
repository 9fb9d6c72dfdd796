package org.smmubench.bench;

import org.smmubench.scenario.Scenario;

/**
 * Runs a whole scenario on one driver variant: builds a Bench, adds devices and processes,
 * runs every step (continuing after violations and failed expectations, as the kernel
 * continues after a splat), finishes, and compares with the expectation.
 * CONTRACT: {@code run(scenario, canonicalDriverId, trace)} returns the RunResult; file is
 * scenario.pos().file().
 */
public final class ScenarioRunner {
    private ScenarioRunner() {}

    public static RunResult run(Scenario scenario, String driverId, boolean trace) {
        throw new UnsupportedOperationException("ScenarioRunner is under construction");
    }
}
