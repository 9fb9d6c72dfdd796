package org.smmubench.bench;

import java.nio.file.Path;
import java.util.List;

import org.smmubench.scenario.ScenarioLoader;

/**
 * Runs YAML scenario files (docs/format.md): every scenario in the file once per driver,
 * the {@code --driver} override winning over the scenario's own {@code driver:} list.
 * Registered in META-INF/services so the CLI finds it by extension.
 */
public final class YamlFileRunner implements ScenarioFileRunner {
    @Override
    public List<String> extensions() {
        return List.of("yaml", "yml");
    }

    @Override
    public Prepared prepare(Path file) {
        // Loading is the whole check: ScenarioException carries every located error.
        return new PreparedScenarios(ScenarioLoader.load(file));
    }
}
