package org.smmubench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.smmubench.bench.BenchParts;
import org.smmubench.bench.RecordedViolation;
import org.smmubench.bench.RunResult;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.sva.ArmSmmuSva;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.kernel.Kernel;
import org.smmubench.mm.Mm;
import org.smmubench.mm.MmWorld;

/**
 * The per-PASID incremental checks (StepScope.pasids) on a CD table holding many live PASIDs:
 * a violation caused at one PASID among {@value #BOUND} others is reported by the incremental
 * run exactly as by the paranoid one (same steps, same messages, same order). The broken
 * parts only misbehave for proc1 on nic0, after the background processes are bound, so the
 * step that breaks the rule touches one PASID of a full table.
 */
class ManyLivePasidsTest {
    static final int BOUND = 150;

    /** nic0 with {@value #BOUND} bound processes; proc1 (PASID 0x400) bound to nic1 first, so its PASID exists before nic0 sees it. */
    static String scenario(String steps) {
        StringBuilder y = new StringBuilder("""
                scenario: one PASID among many
                devices:
                  - {name: nic0, bus: pci, sid: 0x100}
                  - {name: nic1, bus: pci, sid: 0x200}
                """ + Flows.PROC1);
        for (int i = 0; i < BOUND; i++) y.append("  - {name: bg").append(i).append("}\n");
        y.append("steps:\n");
        for (int i = 0; i < BOUND; i++) y.append("  - bind: {device: nic0, process: bg").append(i).append("}\n");
        y.append("  - bind: {device: nic1, process: proc1}\n");
        return y + steps;
    }

    static final String BIND_UNBIND_DMA = scenario("""
              - bind:   {device: nic0, process: proc1}
              - dma:    {device: nic0, process: proc1, va: 0x400000, access: write}
              - unbind: {device: nic0, process: proc1}
              - dma:    {device: nic0, process: proc1, va: 0x400000, access: write}
              - unbind: {device: nic0, process: bg7}
            """);

    private static boolean victim(Device dev, Mm mm) {
        return dev.name().equals("nic0") && mm != null && mm.name().equals("proc1");
    }

    /** A bind that writes proc1's CD on nic0 one SSID above the PASID the core passed. */
    static final class Proc1OffByOne extends ArmSmmuSva {
        Proc1OffByOne(Kernel k, ArmSmmuV3 drv, MmWorld mms) { super(k, drv, mms); }

        @Override
        protected int armSmmuSvaBind(Device dev, int pasid, Mm mm) {
            return super.armSmmuSvaBind(dev, victim(dev, mm) ? pasid + 1 : pasid, mm);
        }
    }

    /** A set_dev_pasid that installs proc1's CD on nic0 one SSID above (a PASID the allocator never gave out). */
    static final class Proc1NextSsid extends ArmSmmuSva {
        Proc1NextSsid(Kernel k, ArmSmmuV3 drv, MmWorld mms) { super(k, drv, mms); }

        @Override
        protected int svaSetDevPasid(IommuDomain domain, Device dev, int id) {
            return super.svaSetDevPasid(domain, dev, victim(dev, domain.mm) ? id + 1 : id);
        }
    }

    /** Runs {@code yaml} incremental and paranoid; asserts the same record; returns the incremental run's. */
    private static List<String> agreeing(String yaml, UnaryOperator<BenchParts> broken) {
        RunResult inc = Flows.run(yaml, broken.apply(BenchParts.of("v6.8")).withChecking(Checking.INCREMENTAL));
        RunResult par = Flows.run(yaml, broken.apply(BenchParts.of("v6.8")).withChecking(Checking.PARANOID));
        assertEquals(record(par), record(inc), "incremental and paranoid runs differ" + Flows.dump(inc));
        return record(inc);
    }

    /** Step, invariant and message of every violation, and the steps it was seen again at. */
    private static List<String> record(RunResult r) {
        List<String> out = new ArrayList<>();
        for (RecordedViolation v : r.violations()) {
            out.add(v.step() + " " + v.invariant() + ": " + v.violation().message());
        }
        r.stepFailures().forEach(f -> out.add("failure: " + f.message()));
        return out;
    }

    private static void assertHas(List<String> record, String line) {
        assertTrue(record.contains(line), "missing <" + line + "> in " + record);
    }

    /** Steps: 150 binds, nic1's bind (151), nic0's bind of proc1 (152), DMA, unbind (154), DMA (155), bg7's unbind (156). */
    @Test
    void cdLeftValidByUnbindIsReportedAmongManyPasids() {
        List<String> r = agreeing(BIND_UNBIND_DMA, p -> p.withSva((k, drv, mms) -> new CdPlacementTest.RemoveSkipsClear(k, drv, mms, ManyLivePasidsTest::victim)));
        assertHas(r, "154 cd-placement: nic0: PASID 0x400: expected no valid CD (nic0 has no bond for proc1), found a valid CD with ASID 1");
        assertHas(r, "154 group-pasid-atomic: nic0: PASID 0x400: group nic0's pasid_array has no domain there; expected no valid CD, found one with ASID 1");
        assertTrue(r.stream().anyMatch(l -> l.startsWith("155 dma-after-unbind: nic0 (SID 0x100) PASID 0x400: DMA write at 0x400000 succeeded")
                && l.endsWith("after proc1 was unbound (step 154): expected a fault once unbind returned")), r.toString());
        assertFalse(r.stream().anyMatch(l -> l.startsWith("156 ")), "bg7's correct unbind adds nothing: " + r);
    }

    @Test
    void cdAtTheWrongPasidIsReportedAmongManyPasids() {
        List<String> r = agreeing(BIND_UNBIND_DMA, p -> p.withSva(Proc1OffByOne::new));
        assertHas(r, "152 pasid-consistency: nic0: PASID 0x401: CD carries ASID 1 of proc1's shared CD; expected it at proc1's PASID 0x400, found it at 0x401");
        assertHas(r, "152 pasid-consistency: nic0: PASID 0x401: CD carries proc1's ASID 1; expected group nic0's pasid_array[0x401] to hold proc1's SVA domain, found nothing");
        assertHas(r, "152 cd-placement: nic0: PASID 0x401: expected no valid CD (nic0 has no bond for any mm with that PASID), found a valid CD with ASID 1");
    }

    @Test
    void cdHoldingAFreePasidIsReportedAmongManyPasids() {
        List<String> r = agreeing(BIND_UNBIND_DMA, p -> p.withSva(Proc1NextSsid::new));
        assertHas(r, "152 pasid-lifetime: PASID 0x401: expected allocated in iommu_global_pasid_ida while held by nic0's CD; found it free");
    }

    /** Records, after each step, what StepScope says the step changed on nic0 ("all" for null; absent when untouched). */
    static final class ScopeRecorder implements IncrementalInvariant {
        final List<String> seen = new ArrayList<>();

        @Override
        public String id() { return "scope-recorder"; }

        @Override
        public void afterStep(World w, java.util.function.Consumer<org.smmubench.kernel.Violation> sink) {}

        @Override
        public void afterStep(World w, StepScope scope, java.util.function.Consumer<org.smmubench.kernel.Violation> sink) {
            for (var m : scope.liveMasters()) {
                if (!m.dev.name().equals("nic0")) continue;
                var p = scope.pasids(m);
                seen.add(w.step() + " " + (p == null ? "all" : p.stream().map(org.smmubench.kernel.Hex::of).toList()));
            }
        }
    }

    /** Why the checks above are cheap: a bind or unbind among 150 bound PASIDs changes one, and a DMA none. */
    @Test
    void aStepAmongManyPasidsChangesOnlyItsOwn() {
        ScopeRecorder rec = new ScopeRecorder();
        String yaml = scenario("""
                  - bind:   {device: nic0, process: proc1}
                  - unbind: {device: nic0, process: proc1}
                  - bind:   {device: nic0, process: proc1}
                  - dma:    {device: nic0, process: proc1, va: 0x400000, access: write}
                  - unbind: {device: nic0, process: bg7}
                """);
        RunResult r = Flows.run(yaml, BenchParts.of("v6.8").withInvariants(() -> List.of(rec)).withChecking(Checking.INCREMENTAL));
        assertEquals(List.of(), r.stepFailures());
        // Each background bind gives its mm a PASID (everything: "all"); 152 is the first CD in
        // a new leaf table (an L1 store: "all"); then one PASID each, and the DMA touches nothing.
        List<String> tail = rec.seen.subList(rec.seen.size() - 4, rec.seen.size());
        assertEquals(List.of("152 all", "153 [0x400]", "154 [0x400]", "156 [0x8]"), tail, rec.seen.toString());
    }

    @Test
    void aCorrectRunStaysSilentAmongManyPasids() {
        assertEquals(List.of(), agreeing(BIND_UNBIND_DMA.replace("access: write}\n              - unbind: {device: nic0, process: bg7}",
                "access: write, expect: fault}\n              - unbind: {device: nic0, process: bg7}"), UnaryOperator.identity()));
    }
}
