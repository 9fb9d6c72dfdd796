package org.smmubench.dsl.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import org.smmubench.bench.ScenarioFileRunner;

/**
 * The installed {@link ScenarioFileRunner}s by file extension. YAML comes with runtime; the
 * Groovy and Gherkin runners register themselves in their own modules'
 * META-INF/services/org.smmubench.bench.ScenarioFileRunner.
 */
public final class FileRunners {
    private final Map<String, ScenarioFileRunner> byExtension = new LinkedHashMap<>();

    public FileRunners(List<? extends ScenarioFileRunner> runners) {
        // First registration wins, so a test can put its own runner in front.
        for (ScenarioFileRunner r : runners)
            for (String ext : r.extensions()) byExtension.putIfAbsent(ext, r);
    }

    public static FileRunners installed() {
        return new FileRunners(ServiceLoader.load(ScenarioFileRunner.class).stream()
                .map(ServiceLoader.Provider::get).toList());
    }

    public Set<String> extensions() {
        return byExtension.keySet();
    }

    /** The runner for an extension, or null when none is installed. */
    public ScenarioFileRunner forExtension(String extension) {
        return byExtension.get(extension);
    }

    /** The runner for a file whose extension is in {@link #extensions()}. */
    public ScenarioFileRunner forFile(Path file) {
        ScenarioFileRunner r = byExtension.get(ScenarioFiles.extension(file));
        if (r == null) throw new IllegalStateException("no runner for " + file);
        return r;
    }
}
