package org.smmubench.driver;

import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Kernel;
import org.smmubench.mm.MmWorld;

/** arm_smmu_sva_supported: can this SMMU share CPU page tables at all (same in every variant). */
public final class SvaSupport {
    private SvaSupport() {}

    static boolean armSmmuSvaSupported(Kernel k, ArmSmmuDevice smmu) {
        try (Frame f = k.enter("arm_smmu_sva_supported")) {
            // Walks of CPU tables must be coherent, the CPU's PA range must fit the SMMU's OAS,
            // and both sides must agree on the ASID width (the CD carries the CPU's ASID).
            if (!smmu.has(Feature.COHERENCY)) return false;
            if (smmu.oasBits < MmWorld.PA_BITS) return false;
            return smmu.asidBits >= MmWorld.CPU_ASID_BITS;
        }
    }
}
