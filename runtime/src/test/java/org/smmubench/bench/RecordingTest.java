package org.smmubench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.kernel.KernelEventLog.Event;
import org.smmubench.kernel.KernelEventLog.Kind;

/** What a recorded run holds for the HTML report: its steps, their topology, the kernel's events. */
class RecordingTest {
    @Test
    void aRunIsRecordedOnlyWhenAsked() {
        assertNull(ScenarioRunner.run(SeedBugTest.seed(), DriverVariants.PRE_FIX, false).recording());
        assertTrue(ScenarioRunner.run(SeedBugTest.seed(), DriverVariants.PRE_FIX, false, true).recording() != null);
    }

    @Test
    void everyStepHasItsTopologyAndItsSliceOfTheEventLog() {
        RunRecording rec = ScenarioRunner.run(SeedBugTest.seed(), DriverVariants.PRE_FIX, false, true).recording();
        List<String> steps = rec.steps().stream().map(s -> s.no() + " " + s.text() + " -> " + s.result()).toList();
        assertEquals(List.of("0 add device nic0 -> null", "0 add process proc1 -> null", "1 bind nic0 proc1 -> ok",
                "2 dma nic0 proc1 write 0x400000 -> ok", "3 unbind nic0 proc1 -> ok",
                "4 dma nic0 proc1 write 0x400000 -> C_BAD_CD", "-1 teardown -> null"), steps);
        int t = 0;
        for (RecordedStep s : rec.steps()) {
            assertEquals(t, s.firstEvent(), "steps tile the log: " + s.text());
            t = s.endEvent();
        }
        assertTrue(rec.steps().get(2).violations().contains("atomic-sleep"));

        // Before the bind: no CD leaf for PASID 0x400. After it: leaf 1, the CD at 0x400, the
        // PASID, and the CD's TTB0 joined to proc1's page table.
        Set<String> before = ids(rec.steps().get(1).topology());
        Topology after = rec.steps().get(2).topology();
        Set<String> added = ids(after);
        added.removeAll(before);
        Set<String> kinds = after.nodes().stream().filter(n -> added.contains(n.id())).map(Topology.Node::kind)
                .collect(Collectors.toSet());
        assertEquals(Set.of("leaf", "cd", "pasid", "domain"), kinds, added.toString());
        assertTrue(after.edges().stream().anyMatch(e -> e.to().equals("process:proc1") && e.label().equals("TTB0 = pgd")
                && e.from().startsWith("cd:")), after.edges().toString());
        assertTrue(after.edges().stream().anyMatch(e -> e.from().equals("ste:0x100") && e.to().startsWith("cdtab:")));
    }

    @Test
    void theBindOfThePreFixTreeLogsTheSleepingAllocationUnderTheDevicesLock() {
        RunRecording rec = ScenarioRunner.run(SeedBugTest.seed(), DriverVariants.PRE_FIX, false, true).recording();
        RecordedStep bind = rec.steps().get(2);
        List<Event> ev = rec.events().subList(bind.firstEvent(), bind.endEvent());
        List<String> held = new ArrayList<>();
        boolean irqsOff = false;
        boolean allocUnderLock = false;
        int violationAfterAlloc = -1;
        for (int i = 0; i < ev.size(); i++) {
            Event e = ev.get(i);
            switch (e.kind()) {
                case LOCK -> held.add(e.name());
                case UNLOCK -> held.remove(e.name());
                case IRQ_OFF -> irqsOff = true;
                case IRQ_ON -> irqsOff = false;
                case ENTER -> {
                    if (e.name().equals("dmam_alloc_coherent") && irqsOff && held.contains("&smmu_domain->devices_lock")) {
                        allocUnderLock = true;
                        violationAfterAlloc = i;
                    }
                }
                case VIOLATION -> {
                    if (allocUnderLock && violationAfterAlloc >= 0 && e.name().equals("atomic-sleep")) {
                        assertEquals("iommu_sva_bind_device", e.root());
                        violationAfterAlloc = -2;
                    }
                }
                default -> { }
            }
        }
        assertTrue(allocUnderLock, "dmam_alloc_coherent entered with IRQs off under devices_lock");
        assertEquals(-2, violationAfterAlloc, "the atomic-sleep mark follows the allocation");
        assertTrue(ev.stream().anyMatch(e -> e.kind() == Kind.COMMAND && e.name().equals("CMD_SYNC")));
    }

    @Test
    void theFixedTreeAllocatesBeforeTakingTheLock() {
        RunRecording rec = ScenarioRunner.run(SeedBugTest.seed(), DriverVariants.FIXED, false, true).recording();
        List<String> held = new ArrayList<>();
        boolean sawAlloc = false;
        for (Event e : rec.events()) {
            if (e.kind() == Kind.LOCK) held.add(e.name());
            if (e.kind() == Kind.UNLOCK) held.remove(e.name());
            if (e.kind() == Kind.ENTER && e.name().equals("dmam_alloc_coherent")) {
                sawAlloc = true;
                assertTrue(!held.contains("&smmu_domain->devices_lock"), "allocation under devices_lock on fixed");
            }
        }
        assertTrue(sawAlloc);
    }

    private static Set<String> ids(Topology t) {
        return t.nodes().stream().map(Topology.Node::id).collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
