package org.smmubench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smmubench.bench.RunResult;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.CtxDesc;
import org.smmubench.driver.sva.ArmSmmuSva;
import org.smmubench.kernel.ErrPtr;
import org.smmubench.kernel.Kernel;
import org.smmubench.mm.Mm;
import org.smmubench.mm.MmWorld;

/** shared-cd-refs (I10): one reference per notifier on a shared CD; pins and mm references released once. */
class SharedCdRefsTest {
    static final String ID = "shared-cd-refs";

    /** arm_smmu_share_asid that hands back the mm's existing shared CD without taking a reference. */
    static final class ShareAsidForgetsRef extends ArmSmmuSva {
        ShareAsidForgetsRef(Kernel k, ArmSmmuV3 drv, MmWorld mms) { super(k, drv, mms); }

        @Override
        protected ErrPtr<CtxDesc> shareAsid(Mm mm, int asid) {
            ErrPtr<CtxDesc> r = super.shareAsid(mm, asid);
            if (!r.isErr() && r.get() != null) r.get().refs--;
            return r;
        }
    }

    @Test
    void firesWhenTheSecondDomainTakesNoReference() {
        String yaml = """
                scenario: one mm through two RID domains
                devices:
                  - {name: nic0, bus: pci, sid: 0x100}
                  - {name: nic1, bus: pci, sid: 0x200}
                """ + Flows.PROC1 + """
                steps:
                  - bind: {device: nic0, process: proc1}
                  - bind: {device: nic1, process: proc1}
                  - unbind: {device: nic0, process: proc1}
                """;
        RunResult r = Flows.run(yaml, Flows.parts("v6.8-fixed", p -> p.withSva(ShareAsidForgetsRef::new)));
        List<String> msgs = Flows.messages(r, ID);
        assertEquals("shared CD of proc1 (ASID 1): expected refs 2 (notifiers on domain #1 via nic0; domain #2 via nic1), found refs 1",
                msgs.get(0), Flows.dump(r));
        assertEquals(2, Flows.violations(r, ID).get(0).step());
        // The early last reference erases the ASID while nic1 still uses the CD.
        assertTrue(msgs.contains("shared CD of proc1 (ASID 1): expected refs 1 (notifiers on domain #2 via nic1), found refs 0"), Flows.dump(r));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("org.smmubench.check.Flows#correct")
    void silentOnCorrectFlows(String flow, String driver) {
        RunResult r = Flows.runCorrect(flow, driver, SharedCdRefs::new);
        assertEquals(List.of(), Flows.messages(r, ID), Flows.dump(r));
    }
}
