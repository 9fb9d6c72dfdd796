package org.smmubench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smmubench.bench.BenchParts;
import org.smmubench.bench.RunResult;
import org.smmubench.driver.tree.Commit;
import org.smmubench.driver.tree.KernelTree;
import org.smmubench.driver.tree.Patch;
import org.smmubench.iommu.IommuCore;
import org.smmubench.iommu.IommuCoreFunctions;
import org.smmubench.iommu.IommuMm;
import org.smmubench.iommu.IommuSva;

/** sva-handle-refs (I20): handle users equal binds minus unbinds; listed on the mm exactly while used. */
class SvaHandleRefsTest {
    static final String ID = "sva-handle-refs";

    static final String TWO_QUEUES = """
            scenario: one process opens two queues of nic0, then a queue of nic1
            devices:
              - {name: nic0, bus: pci, sid: 0x100}
              - {name: nic1, bus: pci, sid: 0x200}
            """ + Flows.PROC1 + """
            steps:
              - bind:   {device: nic0, process: proc1}
              - bind:   {device: nic0, process: proc1}
              - bind:   {device: nic1, process: proc1}
              - unbind: {device: nic0, process: proc1}
              - dma:    {device: nic0, process: proc1, va: 0x400000, access: read, expect: ok}
              - unbind: {device: nic0, process: proc1}
              - unbind: {device: nic1, process: proc1}
            """;

    /** An unbind that drops the last user but leaves the handle on the mm's list (a missing list_del). */
    static final class UnbindKeepsHandleListed extends IommuCoreFunctions {
        UnbindKeepsHandleListed(IommuCore core) { super(core); }

        @Override
        protected void iommuSvaUnbindDevice(IommuSva handle) {
            IommuMm data = core.iommuMm(handle.domain.mm);
            super.iommuSvaUnbindDevice(handle);
            if (handle.users == 0 && !data.svaHandles.contains(handle)) data.svaHandles.add(handle);
        }
    }

    private static BenchParts broken() {
        Commit c = new Commit("0000000000aa", "test: unbind without list_del", "", "v6.8", false,
                List.of("drivers/iommu/iommu-sva.c"), List.of("iommu_sva_unbind_device"), "deliberately broken",
                List.of(new Patch<>(IommuCore.class, UnbindKeepsHandleListed.class, UnbindKeepsHandleListed::new)));
        BenchParts p = BenchParts.of("v6.8");
        return new BenchParts(new KernelTree("v6.8", List.of(c)), p.sva(), p.cdCode(), p.invCode(), () -> List.of(new SvaHandleRefs()), p.checking());
    }

    @Test
    void firesWhenTheLastUnbindLeavesTheHandleListed() {
        RunResult r = Flows.run(TWO_QUEUES, broken());
        assertEquals(List.of("iommu_sva of nic0 for proc1: expected off proc1's sva_handles once every bind is unbound, found it listed",
                "iommu_sva of nic1 for proc1: expected off proc1's sva_handles once every bind is unbound, found it listed"),
                Flows.messages(r, ID), Flows.dump(r));
        assertEquals(List.of(6, 7), Flows.violations(r, ID).stream().map(v -> v.step()).toList());
    }

    @Test
    void firesOnTheRc6CoreWhereASecondDevicesHandleIsNeitherCountedNorListed() {
        RunResult r = Flows.run(TWO_QUEUES.replace("bind:   {device: nic0, process: proc1}\n  - bind:   {device: nic0",
                "bind:   {device: nic0"), BenchParts.of("v6.8-6384c56c99d9").withInvariants(() -> List.of(new SvaHandleRefs())));
        assertEquals(List.of("iommu_sva of nic1 for proc1: expected users 1 (binds minus unbinds), found users 0",
                "iommu_sva of nic1 for proc1: expected on proc1's sva_handles while it has 1 bind(s), found it off the list"),
                Flows.messages(r, ID), Flows.dump(r));
    }

    @Test
    void silentWhenHandlesAreSharedAndReleasedOnV68() {
        RunResult r = Flows.run(TWO_QUEUES, BenchParts.of("v6.8").withInvariants(() -> List.of(new SvaHandleRefs())));
        assertEquals(List.of(), Flows.messages(r, ID), Flows.dump(r));
        assertEquals(List.of(), r.stepFailures());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("org.smmubench.check.Flows#correct")
    void silentOnCorrectFlows(String flow, String driver) {
        RunResult r = Flows.runCorrect(flow, driver, SvaHandleRefs::new);
        assertEquals(List.of(), Flows.messages(r, ID), Flows.dump(r));
    }

    @ParameterizedTest(name = "{0} on the rc1 core")
    @MethodSource("org.smmubench.check.Flows#correct")
    void silentOnTheRc1CoreWhoseHandlesHaveNoCount(String flow, String ignored) {
        RunResult r = Flows.runCorrect(flow, "v6.8-6384c56c99d9-65d4418c5002", SvaHandleRefs::new);
        assertEquals(List.of(), Flows.messages(r, ID), Flows.dump(r));
    }
}
