package org.smmubench.features;

import java.net.URI;
import java.util.List;

import io.cucumber.core.feature.FeatureWithLines;
import io.cucumber.core.options.RuntimeOptions;
import io.cucumber.core.options.RuntimeOptionsBuilder;
import io.cucumber.core.runtime.Runtime;
import io.cucumber.plugin.Plugin;

/** One Cucumber run over feature files with the step library as the only glue. */
final class CucumberRun {
    /** The step library; users add no glue of their own. */
    static final URI GLUE = URI.create("classpath:/org/smmubench/features/steps");

    private CucumberRun() {}

    /**
     * Runs the features (or, with {@code dryRun}, only matches their steps) with one
     * {@link BenchObjectFactory} bound to {@code context}; results go to the plugins.
     */
    static void run(List<URI> features, RunContext context, boolean dryRun, List<Plugin> plugins) {
        RuntimeOptionsBuilder b = new RuntimeOptionsBuilder();
        for (URI f : features) b.addFeature(FeatureWithLines.create(f, List.of()));
        run(b, context, dryRun, plugins);
    }

    /** Runs only the scenarios (and Examples rows) of {@code feature} at {@code lines} (not empty). */
    static void run(URI feature, List<Integer> lines, RunContext context, List<Plugin> plugins) {
        if (lines.isEmpty()) throw new IllegalArgumentException("no lines: Cucumber would run the whole file");
        run(new RuntimeOptionsBuilder().addFeature(FeatureWithLines.create(feature, lines)), context, false, plugins);
    }

    private static void run(RuntimeOptionsBuilder b, RunContext context, boolean dryRun, List<Plugin> plugins) {
        b.addGlue(GLUE).setMonochrome().setDryRun(dryRun).setPublishQuiet(true);
        RuntimeOptions options = b.build();
        BenchObjectFactory factory = new BenchObjectFactory(context);
        Runtime runtime = Runtime.builder()
                .withRuntimeOptions(options)
                .withClassLoader(CucumberRun.class::getClassLoader)
                .withObjectFactorySupplier(() -> factory)
                .withAdditionalPlugins(plugins.toArray(Plugin[]::new))
                .build();
        runtime.run();
    }
}
