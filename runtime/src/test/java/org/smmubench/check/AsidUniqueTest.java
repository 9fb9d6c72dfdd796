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
import org.smmubench.driver.CdCode;
import org.smmubench.driver.CtxDesc;
import org.smmubench.driver.sva.ArmSmmuSva;
import org.smmubench.kernel.Errno;
import org.smmubench.kernel.ErrPtr;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Gfp;
import org.smmubench.kernel.Kernel;
import org.smmubench.mm.Mm;
import org.smmubench.mm.MmWorld;

/** asid-unique (I11): one ctx_desc per ASID, in range, no private/CPU collision, TLBI before reuse. */
class AsidUniqueTest {
    static final String ID = "asid-unique";

    /**
     * nic0's DMA domain takes private ASID 1, and proc1 runs with CPU ASID 1: binding makes
     * arm_smmu_share_asid move the private CD to ASID 2 before the shared CD takes ASID 1.
     */
    static final String COLLIDING = """
            scenario: private ASID collides with the CPU ASID
            devices:
              - {name: nic0, bus: pci, sid: 0x100}
            """ + Flows.PROC1 + """
            steps:
              - bind: {device: nic0, process: proc1}
            """;

    /** arm_smmu_share_asid as in 6.8, with the move step varied by the subclass. */
    abstract static class BrokenShareAsid extends ArmSmmuSva {
        BrokenShareAsid(Kernel k, ArmSmmuV3 drv, MmWorld mms) { super(k, drv, mms); }

        abstract boolean setsNewAsid();

        abstract boolean invalidatesOldAsid();

        /** False: frees the colliding private ASID without moving the private CD at all. */
        boolean movesPrivateCd() { return true; }

        @Override
        protected ErrPtr<CtxDesc> shareAsid(Mm mm, int asid) {
            try (Frame f = k.enter("arm_smmu_share_asid")) {
                CtxDesc cd = drv.asidXa.load(asid);
                if (cd == null) return ErrPtr.of(null);
                if (cd.mm != null) {
                    cd.refs++;
                    return ErrPtr.of(cd);
                }
                if (!movesPrivateCd()) {
                    drv.asidXa.erase(asid);
                    return ErrPtr.of(null);
                }
                ArmSmmuDomain d = cd.ownerDomain;
                int newAsid = drv.asidXa.alloc("xa_alloc.asid", null, cd, 1, (1 << d.smmu.asidBits) - 1, Gfp.GFP_KERNEL);
                if (newAsid < 0) return ErrPtr.err(-Errno.ENOSPC);
                if (setsNewAsid()) cd.asid = newAsid;
                updateCtxDescDevices(d, CdCode.IOMMU_NO_PASID, cd);
                if (invalidatesOldAsid()) inv().tlbInvAsid(d.smmu, asid);
                drv.asidXa.erase(asid);
                return ErrPtr.of(null);
            }
        }
    }

    /** Moves the private CD but never invalidates the old ASID's TLB entries. */
    static final class MoveWithoutTlbi extends BrokenShareAsid {
        MoveWithoutTlbi(Kernel k, ArmSmmuV3 drv, MmWorld mms) { super(k, drv, mms); }

        @Override
        boolean setsNewAsid() { return true; }

        @Override
        boolean invalidatesOldAsid() { return false; }
    }

    /** Stores the private CD under a new ASID but forgets cd->asid = new_asid. */
    static final class MoveForgetsAsid extends BrokenShareAsid {
        MoveForgetsAsid(Kernel k, ArmSmmuV3 drv, MmWorld mms) { super(k, drv, mms); }

        @Override
        boolean setsNewAsid() { return false; }

        @Override
        boolean invalidatesOldAsid() { return true; }
    }

    @Test
    void firesWhenTheOldAsidIsReusedBeforeTlbi() {
        RunResult r = Flows.run(COLLIDING, Flows.parts("v6.8-fixed", p -> p.withSva(MoveWithoutTlbi::new)));
        assertEquals(List.of("nic0: PASID 0x400: CD installed with ASID 1 after the CD at nic0: PASID 0x0 moved from ASID 1 to 2;"
                + " expected a TLBI by ASID 1 and CMD_SYNC before reuse, found none"), Flows.messages(r, ID), Flows.dump(r));
        assertTrue(Flows.violations(r, ID).get(0).violation().backtrace().contains("__arm_smmu_sva_bind"));
    }

    @Test
    void firesWhenTheMovedCdKeepsItsOldAsid() {
        RunResult r = Flows.run(COLLIDING, Flows.parts("v6.8-fixed", p -> p.withSva(MoveForgetsAsid::new)));
        List<String> msgs = Flows.messages(r, ID);
        assertTrue(msgs.contains("arm_smmu_asid_xa[2]: expected the ctx_desc with ASID 2, found private CD of domain #1 (nic0) (ASID 1)"),
                Flows.dump(r));
        assertTrue(msgs.contains("private CD of domain #1 (nic0) (ASID 1): expected in arm_smmu_asid_xa under 1, found shared CD of proc1 (ASID 1)"),
                Flows.dump(r));
        assertTrue(msgs.contains("private CD of domain #1 (nic0) (ASID 1): expected a private ASID distinct from the CPU ASID of bound proc1, found both 1"),
                Flows.dump(r));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("org.smmubench.check.Flows#correct")
    void silentOnCorrectFlows(String flow, String driver) {
        RunResult r = Flows.runCorrect(flow, driver, AsidUnique::new);
        assertEquals(List.of(), Flows.messages(r, ID), Flows.dump(r));
    }
}
