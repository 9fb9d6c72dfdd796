package org.smmubench.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.smmubench.driver.sva.DriverVariants;
import org.smmubench.scenario.Scenario;

/**
 * Runs YAML scenario files (interface.md §3): every scenario in the file once per driver,
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
        List<Scenario> scenarios = load(file);
        return new Prepared() {
            @Override
            public int count(List<String> driverOverride) {
                int n = 0;
                for (Scenario s : scenarios) n += drivers(s, driverOverride).size();
                return n;
            }

            @Override
            public List<RunResult> run(List<String> driverOverride, boolean trace) {
                List<RunResult> out = new ArrayList<>();
                for (Scenario s : scenarios)
                    for (String d : drivers(s, driverOverride)) out.add(ScenarioRunner.run(s, d, trace));
                return out;
            }
        };
    }

    /** The canonical driver ids one scenario runs on. */
    static List<String> drivers(Scenario s, List<String> driverOverride) {
        if (!driverOverride.isEmpty()) return driverOverride;
        if (!s.drivers().isEmpty()) return s.drivers();
        return List.of(DriverVariants.DEFAULT);
    }

    // The YAML loader is written in parallel (org.smmubench.scenario.ScenarioLoader, a
    // static or instance load(Path) returning List<Scenario>); it is reached reflectively
    // until it lands so this runner compiles and is testable today.
    @SuppressWarnings("unchecked")
    private static List<Scenario> load(Path file) {
        Class<?> loader;
        try {
            loader = Class.forName("org.smmubench.scenario.ScenarioLoader");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the YAML loader (org.smmubench.scenario.ScenarioLoader) is not in this build", e);
        }
        try {
            Method load = loader.getMethod("load", Path.class);
            Object target = Modifier.isStatic(load.getModifiers()) ? null : loader.getConstructor().newInstance();
            return (List<Scenario>) load.invoke(target, file);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ScenarioLoader has no usable load(Path)", e);
        }
    }
}
