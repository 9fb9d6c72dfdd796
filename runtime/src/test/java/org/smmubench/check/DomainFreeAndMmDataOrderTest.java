package org.smmubench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smmubench.bench.BenchParts;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.ScenarioRunner;
import org.smmubench.driver.ArmSmmuDevice;
import org.smmubench.driver.ArmSmmuDomain;
import org.smmubench.driver.InvCode;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.kernel.Kernel;

/**
 * The order inside two teardown/setup functions, as v6.8 has it: arm_smmu_domain_free flushes
 * through free_io_pgtable_ops (TLBI by ASID, then ATC_INV) before it takes arm_smmu_asid_lock
 * to release the ASID; iommu_alloc_mm_data allocates its data before the PASID, so a PASID
 * failure frees the data.
 */
class DomainFreeAndMmDataOrderTest {
    private static final String BIND_AND_RELEASE = """
            scenario: bind then teardown
            devices:
              - {name: nic0, bus: pci, sid: 0x100}
            """ + Flows.PROC1 + """
            steps:
              - bind:   {device: nic0, process: proc1}
              - unbind: {device: nic0, process: proc1}
            """;

    private static final String PASID_EXHAUSTED = """
            scenario: no PASID left
            devices:
              - {name: nic0, bus: pci, sid: 0x100}
            """ + Flows.PROC1 + """
            steps:
              - fail:   {site: iommu_alloc_global_pasid, device: nic0}
              - bind:   {device: nic0, process: proc1, expect: ENOSPC}
            """;

    static int index(List<String> trace, String line, int from) {
        for (int i = from; i < trace.size(); i++) {
            if (trace.get(i).equals(line)) return i;
        }
        return -1;
    }

    /** One TLBI by ASID or ATC_INV as the driver issued it: what called it and what was held. */
    record Flush(String what, List<String> backtrace, List<String> held) {}

    /** InvCode that notes each TLBI by ASID and domain ATC_INV (teardown has no trace of its own). */
    static final class Noting extends InvCode {
        final List<Flush> flushes = new ArrayList<>();

        Noting(Kernel k) { super(k); }

        @Override
        public void tlbInvAsid(ArmSmmuDevice smmu, int asid) {
            flushes.add(new Flush("tlbi", k.backtrace(), k.heldLockNames()));
            super.tlbInvAsid(smmu, asid);
        }

        @Override
        public int atcInvDomain(ArmSmmuDomain domain, int ssid, long iova, long size) {
            flushes.add(new Flush("atc_inv", k.backtrace(), k.heldLockNames()));
            return super.atcInvDomain(domain, ssid, iova, size);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {DriverVariants.PRE_FIX, DriverVariants.FIXED})
    void domainFreeFlushesThroughTheIoPgtableBeforeTakingTheAsidLock(String driver) {
        List<Noting> made = new ArrayList<>();
        RunResult r = ScenarioRunner.run(Flows.parse("t", BIND_AND_RELEASE), BenchParts.of(driver).withInvCode(k -> {
            Noting n = new Noting(k);
            made.add(n);
            return n;
        }), false);
        List<Flush> fromFree = made.get(0).flushes.stream()
                .filter(fl -> fl.backtrace().contains("arm_smmu_domain_free")).toList();
        assertEquals(List.of("tlbi", "atc_inv"), fromFree.stream().map(Flush::what).toList(), fromFree.toString());
        for (Flush fl : fromFree) {
            int ctx = fl.backtrace().indexOf("arm_smmu_tlb_inv_context");
            assertTrue(ctx >= 0 && fl.backtrace().get(ctx + 1).equals("free_io_pgtable_ops")
                    && fl.backtrace().get(ctx + 2).equals("arm_smmu_domain_free"), fl.toString());
            assertFalse(fl.held().contains("arm_smmu_asid_lock"), "flushed before the ASID lock: " + fl);
        }
        // The PASID 0x400 bind is the seed bug's atomic-sleep on the tree without b5bf7778;
        // nothing else may fire (tlb-retire and asid-unique included).
        assertEquals(List.of(), r.violations().stream()
                .filter(v -> !v.violation().invariant().equals("atomic-sleep")).toList(), Flows.dump(r));
    }

    @ParameterizedTest
    @ValueSource(strings = {DriverVariants.PRE_FIX, DriverVariants.FIXED})
    void aPasidFailureFreesTheMmDataAllocatedBeforeIt(String driver) {
        RunResult r = ScenarioRunner.run(Flows.parse("t", PASID_EXHAUSTED), BenchParts.of(driver), true);
        List<String> t = r.trace().stream().map(String::strip).toList();
        int data = index(t, "-> iommu_alloc_mm_data", 0);
        int alloc = index(t, "-> kzalloc", data);
        int pasid = index(t, "-> iommu_alloc_global_pasid", alloc);
        int kfree = index(t, "-> kfree", pasid);
        int out = index(t, "<- iommu_alloc_mm_data", pasid);
        assertTrue(data >= 0 && alloc > data && pasid > alloc && kfree > pasid && out > kfree,
                String.join("\n", t));
        assertEquals(List.of(), r.violations(), "no leak, no step failure: " + Flows.dump(r));
        assertEquals(List.of(), r.stepFailures(), Flows.dump(r));
    }
}
