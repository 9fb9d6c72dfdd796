package org.smmubench.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.sva.ArmSmmuBond;
import org.smmubench.iommu.IommuGroup;
import org.smmubench.iommu.IommuSva;
import org.smmubench.kernel.Hex;
import org.smmubench.kernel.Violation;

/**
 * pasid-lifetime: a PASID still held by a valid CD, a bond, an SVA handle that has binds
 * left, or a group's pasid_array is never free in the global PASID allocator
 * (iommu_global_pasid_ida), since the next mm to bind would be given it while the device
 * still uses it for the old one. Checked after every step.
 */
public final class PasidLifetime implements Invariant {
    @Override
    public String id() { return "pasid-lifetime"; }

    @Override
    public void afterStep(World w, Consumer<Violation> sink) {
        Map<Integer, List<String>> holders = new TreeMap<>();
        for (IommuGroup g : w.core.groups())
            for (int p : g.pasidArray.keySet()) hold(holders, p, "group " + g.name() + "'s pasid_array");
        for (ArmSmmuMaster m : SvaState.liveMasters(w)) {
            String dev = m.dev.name();
            for (ArmSmmuBond b : SvaState.bonds(m))
                if (b.mm != null && b.mm.mmGetEnqcmdPasid() > 0) hold(holders, b.mm.mmGetEnqcmdPasid(), dev + "'s bond for " + b.mm.name());
            for (int p : CdSlots.validDword0(m).keySet()) if (p != 0) hold(holders, p, dev + "'s CD");
        }
        for (Map.Entry<IommuSva, Integer> e : w.handleBinds().entrySet()) {
            IommuSva h = e.getKey();
            if (e.getValue() <= 0 || h.domain == null || h.domain.mm == null) continue;
            int p = h.domain.mm.mmGetEnqcmdPasid();
            if (p > 0) hold(holders, p, "the iommu_sva of " + h.dev + " for " + h.domain.mm.name());
        }
        for (Map.Entry<Integer, List<String>> e : holders.entrySet()) {
            if (w.core.globalPasidAllocated(e.getKey())) continue;
            sink.accept(Violation.ofState(id(), "PASID " + Hex.of(e.getKey()) + ": expected allocated in iommu_global_pasid_ida"
                    + " while held by " + String.join(", ", e.getValue()) + "; found it free"));
        }
    }

    private static void hold(Map<Integer, List<String>> holders, int pasid, String who) {
        holders.computeIfAbsent(pasid, p -> new ArrayList<>()).add(who);
    }
}
