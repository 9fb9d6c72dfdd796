package org.smmubench.scenario;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code expect:} block: the exact set of invariant ids violated in the whole run.
 * {@code all} applies to every driver; {@code perDriver} is keyed by canonical driver id
 * (aliases are resolved by the loader) and wins over {@code all}. Both empty/absent means
 * "no violations".
 */
public record Expectation(Optional<Set<String>> all, Map<String, Set<String>> perDriver) {
    public Expectation {
        perDriver = Map.copyOf(perDriver);
    }

    public static Expectation none() { return new Expectation(Optional.of(Set.of()), Map.of()); }

    public Set<String> forDriver(String canonicalDriverId) {
        Set<String> s = perDriver.get(canonicalDriverId);
        if (s != null) return s;
        return all.orElse(Set.of());
    }
}
