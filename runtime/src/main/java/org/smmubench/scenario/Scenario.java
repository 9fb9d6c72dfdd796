package org.smmubench.scenario;

import java.util.List;

/**
 * One scenario, whatever door it came in by. {@code drivers} holds canonical driver ids
 * (the loader resolves aliases; empty means the scenario names none: the default tree, or
 * every tree under {@code --driver all}). {@code tags} are for {@code run --tags}, each
 * with its leading {@code @} as Gherkin spells them.
 */
public record Scenario(String name, String description, List<String> drivers, SmmuOptions smmu,
                       List<DeviceSpec> devices, List<ProcessSpec> processes, List<Step> steps,
                       Expectation expect, SourcePos pos, List<String> tags) {
    public Scenario {
        drivers = List.copyOf(drivers);
        devices = List.copyOf(devices);
        processes = List.copyOf(processes);
        steps = List.copyOf(steps);
        tags = List.copyOf(tags);
    }

    /** A scenario without tags. */
    public Scenario(String name, String description, List<String> drivers, SmmuOptions smmu,
                    List<DeviceSpec> devices, List<ProcessSpec> processes, List<Step> steps,
                    Expectation expect, SourcePos pos) {
        this(name, description, drivers, smmu, devices, processes, steps, expect, pos, List.of());
    }

    /** A tag as stored: with its leading {@code @}, whether the user wrote one or not. */
    public static String tag(String written) {
        return written.startsWith("@") ? written : "@" + written;
    }
}
