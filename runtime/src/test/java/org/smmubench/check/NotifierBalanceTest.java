package org.smmubench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smmubench.bench.RunResult;
import org.smmubench.driver.ArmSmmuDomain;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.CtxDesc;
import org.smmubench.driver.sva.ArmSmmuMmuNotifier;
import org.smmubench.driver.sva.ArmSmmuSva;
import org.smmubench.kernel.ErrPtr;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Kernel;
import org.smmubench.mm.Mm;
import org.smmubench.mm.MmWorld;

/** notifier-balance (I8): notifier refs equal the bonds using it; every notifier is freed by teardown. */
class NotifierBalanceTest {
    static final String ID = "notifier-balance";

    static final String GROUP = """
            scenario: group of two
            devices:
              - {name: dsp0, bus: platform, sid: 0x10, group: dsp}
              - {name: dsp1, bus: platform, sid: 0x11, group: dsp}
            """ + Flows.PROC1 + """
            steps:
              - bind: {device: dsp0, process: proc1}
            """;

    /** arm_smmu_mmu_notifier_get that returns the existing notifier without taking a reference. */
    static final class GetForgetsRef extends ArmSmmuSva {
        GetForgetsRef(Kernel k, ArmSmmuV3 drv, MmWorld mms) { super(k, drv, mms); }

        @Override
        protected ErrPtr<ArmSmmuMmuNotifier> mmuNotifierGet(ArmSmmuDomain d, Mm mm, String device) {
            ArmSmmuMmuNotifier existing = findNotifier(d, mm);
            return existing != null ? ErrPtr.of(existing) : super.mmuNotifierGet(d, mm, device);
        }
    }

    /** arm_smmu_mmu_notifier_put that unlists the notifier and frees the CD but never calls mmu_notifier_put. */
    static final class PutSkipsMmuNotifierPut extends ArmSmmuSva {
        PutSkipsMmuNotifierPut(Kernel k, ArmSmmuV3 drv, MmWorld mms) { super(k, drv, mms); }

        @Override
        protected void mmuNotifierPut(ArmSmmuMmuNotifier smmuMn) {
            try (Frame f = k.enter("arm_smmu_mmu_notifier_put")) {
                CtxDesc cd = smmuMn.cd;
                if (--smmuMn.refs > 0) return;
                smmuMn.domain.mmuNotifiers.remove(smmuMn);
                if (!smmuMn.cleared) inv().tlbInvAsid(smmuMn.domain.smmu, cd.asid);
                freeSharedCd(cd);
            }
        }
    }

    @Test
    void firesWhenGetForgetsTheReference() {
        RunResult r = Flows.run(GROUP, Flows.parts("v6.8-fixed", p -> p.withSva(GetForgetsRef::new)));
        assertEquals("notifier for proc1 on domain #1 (dsp0, dsp1): expected refs 2 (bonds on dsp0, dsp1), found refs 1",
                Flows.messages(r, ID).get(0), Flows.dump(r));
        assertEquals(1, Flows.violations(r, ID).get(0).step());
    }

    @Test
    void firesAtTeardownWhenTheNotifierIsNeverPut() {
        String yaml = GROUP + "  - unbind: {device: dsp0, process: proc1}\n";
        RunResult r = Flows.run(yaml, Flows.parts("v6.8-fixed", p -> p.withSva(PutSkipsMmuNotifierPut::new)));
        List<String> msgs = Flows.messages(r, ID);
        assertTrue(msgs.contains("notifier for proc1 on domain #1 (dsp0, dsp1): still subscribed to proc1; expected it on domain #1's"
                + " mmu_notifiers list (or put), found it off the list with refs 0"), Flows.dump(r));
        assertTrue(msgs.contains("notifier for proc1 on domain #1 (no devices) (bound on dsp0, dsp1): expected freed at teardown, found refs 0"),
                Flows.dump(r));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("org.smmubench.check.Flows#correct")
    void silentOnCorrectFlows(String flow, String driver) {
        RunResult r = Flows.runCorrect(flow, driver, NotifierBalance::new);
        assertEquals(List.of(), Flows.messages(r, ID), Flows.dump(r));
    }
}
