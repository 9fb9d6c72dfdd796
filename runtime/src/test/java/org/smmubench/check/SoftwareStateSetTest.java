package org.smmubench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smmubench.bench.BenchParts;
import org.smmubench.bench.RunResult;

/** The software-state invariants as the default set registers them: all present, and together silent on correct flows. */
class SoftwareStateSetTest {
    static final Set<String> IDS = Set.of("cd-placement", "cd-bounds", "pasid-consistency", "notifier-balance", "bond-unique",
            "shared-cd-refs", "asid-unique", "domain-devices", "group-pasid-atomic", "sva-handle-refs", "pasid-lifetime");

    @Test
    void everySoftwareStateIdIsRegisteredOnceAndCatalogued() {
        List<String> ids = InvariantSet.all().stream().map(Invariant::id).toList();
        for (String id : IDS) {
            assertEquals(1, ids.stream().filter(id::equals).count(), id);
            assertTrue(Invariants.find(id).isPresent(), id);
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("org.smmubench.check.Flows#correct")
    void silentTogetherWithEveryOtherInvariant(String flow, String driver) {
        RunResult r = Flows.run(Flows.CORRECT.get(flow), BenchParts.of(driver));
        assertEquals(List.of(), r.violations().stream().filter(v -> IDS.contains(v.invariant())).toList(), Flows.dump(r));
    }
}
