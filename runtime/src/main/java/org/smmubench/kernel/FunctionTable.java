package org.smmubench.kernel;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which version of each replaceable kernel function one modelled source file runs in a kernel
 * tree. It starts with every function as the base release has it ({@code base}, whose
 * {@link KernelFunction} methods name the replaceable functions); each commit of the tree then
 * installs its own version of exactly the functions it touched. The owner of the table calls
 * {@code table.get("kernel_name").method(...)}, so trees differ only inside those functions.
 *
 * <p>A function is replaced at most once per tree, unless the two commits are declared to
 * compose (one was written on top of the other): two unrelated commits that both change it
 * cannot be stacked blindly (the second was written against a different version of the
 * function), so the tree parser refuses such trees before anything is built; {@link #install}
 * repeats the check as a guard.
 */
public final class FunctionTable<F> {
    private static final ClassValue<Map<String, Method>> FUNCTIONS = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            Map<String, Method> out = new LinkedHashMap<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Method m : c.getDeclaredMethods()) {
                    KernelFunction kf = m.getAnnotation(KernelFunction.class);
                    if (kf != null) out.putIfAbsent(kf.value(), m);
                }
            }
            return Collections.unmodifiableMap(out);
        }
    };

    private F base;
    private String baseRelease;
    private final Map<String, F> installed = new HashMap<>();
    private final Map<String, String> installedBy = new HashMap<>();

    public FunctionTable(F base) {
        this.base = base;
    }

    /**
     * Makes {@code release}'s versions of this file's functions the base (a later release whose
     * file differs from v6.8's): a subclass of the v6.8 function class overriding the functions
     * that release changed. Done once, before any commit installs its versions.
     */
    public void rebase(F version, String release) {
        if (baseRelease != null || !installed.isEmpty())
            throw new IllegalStateException("the base of " + base.getClass().getSimpleName() + " is set once, before commits ("
                    + release + ")");
        if (!base.getClass().isInstance(version) && !base.getClass().isAssignableFrom(version.getClass()))
            throw new IllegalArgumentException(version.getClass().getSimpleName() + " does not extend " + base.getClass().getSimpleName());
        base = version;
        baseRelease = release;
    }

    /** The release whose versions the base holds, or null for the file's own (v6.8) class. */
    public String baseRelease() { return baseRelease; }

    /** The kernel functions of this file that commits may replace, with the base's method for each. */
    public static Map<String, Method> functionsOf(Class<?> baseType) { return FUNCTIONS.get(baseType); }

    /** The replaceable kernel functions, by kernel name. */
    public Set<String> names() { return new LinkedHashSet<>(functionsOf(base.getClass()).keySet()); }

    /** The object whose method models {@code kernelFunction} in this tree. */
    public F get(String kernelFunction) {
        F f = installed.get(kernelFunction);
        if (f != null) return f;
        if (!functionsOf(base.getClass()).containsKey(kernelFunction))
            throw new IllegalArgumentException(kernelFunction + " is not a replaceable function of " + base.getClass().getSimpleName());
        return base;
    }

    /** Installs {@code version} as {@code kernelFunction}, on behalf of the tree term {@code term}. */
    public void install(String kernelFunction, F version, String term) { install(kernelFunction, version, term, Set.of()); }

    /**
     * Installs {@code version} as {@code kernelFunction} for {@code term}, which may replace the
     * version of one of the terms in {@code over}: the commits it was declared to compose with
     * (one built on the other). Any other earlier version is a conflict.
     */
    public void install(String kernelFunction, F version, String term, Set<String> over) {
        if (!functionsOf(base.getClass()).containsKey(kernelFunction))
            throw new IllegalArgumentException(term + " replaces " + kernelFunction + ", which "
                    + base.getClass().getSimpleName() + " does not model as replaceable");
        String prev = installedBy.get(kernelFunction);
        if (prev != null && !over.contains(prev))
            throw new IllegalStateException(prev + " and " + term + " both replace " + kernelFunction);
        installedBy.put(kernelFunction, term);
        installed.put(kernelFunction, version);
    }

    /** The tree term that replaced {@code kernelFunction}, or null when it is the base's. */
    public String replacedBy(String kernelFunction) { return installedBy.get(kernelFunction); }
}
