package org.smmubench.features;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.cucumber.core.backend.ObjectFactory;

/**
 * Gives every glue class of one scenario the same {@link ScenarioWorld} through its
 * constructor, so the step library needs no dependency-injection container (users add no
 * glue and no extra dependency). A fresh world per scenario: nothing leaks between them.
 *
 * <p>Cucumber finds this class through META-INF/services when it starts by itself (the
 * JUnit Platform suite); {@link FeatureFileRunner} passes an instance bound to its run.
 */
public final class BenchObjectFactory implements ObjectFactory {
    private final RunContext run;
    private final Set<Class<?>> classes = new HashSet<>();
    private final Map<Class<?>, Object> instances = new HashMap<>();
    private ScenarioWorld world;

    public BenchObjectFactory() { this(RunContext.standalone()); }

    public BenchObjectFactory(RunContext run) { this.run = run; }

    @Override
    public boolean addClass(Class<?> glueClass) {
        classes.add(glueClass);
        return true;
    }

    @Override
    public void start() { world = new ScenarioWorld(run); }

    @Override
    public void stop() {
        instances.clear();
        world = null;
    }

    @Override
    public <T> T getInstance(Class<T> type) {
        if (type == ScenarioWorld.class) return type.cast(world());
        Object existing = instances.get(type);
        if (existing != null) return type.cast(existing);
        T created = create(type);
        instances.put(type, created);
        return created;
    }

    private ScenarioWorld world() {
        if (world == null) throw new IllegalStateException("no scenario is running");
        return world;
    }

    // Glue classes take either nothing or other glue objects (in practice: the world).
    private <T> T create(Class<T> type) {
        Constructor<?>[] ctors = type.getConstructors();
        if (ctors.length != 1)
            throw new IllegalStateException(type.getName() + " needs exactly one public constructor");
        Constructor<?> ctor = ctors[0];
        Object[] args = new Object[ctor.getParameterCount()];
        Class<?>[] params = ctor.getParameterTypes();
        for (int i = 0; i < args.length; i++) args[i] = getInstance(params[i]);
        try {
            return type.cast(ctor.newInstance(args));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("creating " + type.getName() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + type.getName(), e);
        }
    }
}
