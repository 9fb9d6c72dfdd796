package org.smmubench.scenario;

import java.util.List;

/**
 * One scenario, whatever door it came in by. {@code drivers} holds canonical driver ids
 * (the loader resolves aliases; empty means the default, {@code v6.8}).
 */
public record Scenario(String name, String description, List<String> drivers, SmmuOptions smmu,
                       List<DeviceSpec> devices, List<ProcessSpec> processes, List<Step> steps,
                       Expectation expect, SourcePos pos) {
    public Scenario {
        drivers = List.copyOf(drivers);
        devices = List.copyOf(devices);
        processes = List.copyOf(processes);
        steps = List.copyOf(steps);
    }
}
