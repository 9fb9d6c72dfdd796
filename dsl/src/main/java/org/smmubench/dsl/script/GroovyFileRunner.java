package org.smmubench.dsl.script;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.smmubench.bench.ScenarioFileRunner;
import org.smmubench.bench.PreparedScenarios;

/**
 * {@code smmu-bench run x.groovy}: builds the script's scenarios (checking them before
 * anything runs) and runs each once per driver through the shared ScenarioRunner.
 * Found by the CLI through META-INF/services.
 */
public final class GroovyFileRunner implements ScenarioFileRunner {
    private Duration timeout = GroovyScenarioLoader.DEFAULT_TIMEOUT;

    @Override
    public List<String> extensions() { return List.of("groovy"); }

    /** How long each script may run ({@code --script-timeout}). */
    public void scriptTimeout(Duration limit) { this.timeout = limit; }

    @Override
    public Prepared prepare(Path file) {
        return new PreparedScenarios(GroovyScenarioLoader.load(file, timeout));
    }
}
