package org.smmubench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smmubench.bench.RecordedViolation;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.ScenarioRunner;
import org.smmubench.hw.MemoryFault;
import org.smmubench.hw.PhysMemory;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioLoader;

/**
 * A kernel call that touches memory no allocation covers is a kernel-oops at that call, with
 * the call stack of the moment; a fault made outside any kernel call stays the bench's own bug.
 */
class KernelOopsTest {
    private static final Path BEYOND = Path.of("..", "examples", "linear", "pasid-beyond-linear-table.yaml");

    @Test
    void aWriteBeyondTheLinearCdTableIsAnOopsInArmSmmuWriteCdEntry() {
        Scenario s = ScenarioLoader.load(BEYOND).get(0);
        RunResult r = ScenarioRunner.run(s, "v6.18", false, false);
        assertEquals("oops", r.steps().get(0).result(), r.toString());
        List<RecordedViolation> oopses = r.violations().stream().filter(v -> v.violation().invariant().equals("kernel-oops")).toList();
        assertEquals(1, oopses.size(), r.violations().toString());
        Violation v = oopses.get(0).violation();
        assertEquals(1, oopses.get(0).step());
        assertEquals(List.of("arm_smmu_write_cd_entry", "arm_smmu_set_pasid"), v.backtrace().subList(0, 2));
        assertTrue(v.message().contains("0x1000 bytes past the end of dmam_alloc_coherent"), v.message());
        assertTrue(v.splat().startsWith("Unable to handle kernel paging request at physical address "), v.splat());
    }

    @Test
    void v6_8RefusesTheSamePasidWithAWarn() {
        Scenario s = ScenarioLoader.load(BEYOND).get(0);
        RunResult r = ScenarioRunner.run(s, "v6.8", false, false);
        assertEquals("E2BIG", r.steps().get(0).result());
        assertTrue(r.violations().stream().noneMatch(v -> v.violation().invariant().equals("kernel-oops")));
    }

    @Test
    void aFaultOutsideAnyKernelCallIsNotTheKernels() {
        PhysMemory mem = new PhysMemory();
        Kernel k = new Kernel(mem);
        MemoryFault f = assertThrows(MemoryFault.class, () -> mem.read64(PhysMemory.BASE));
        assertNull(k.oops(f));
    }
}
