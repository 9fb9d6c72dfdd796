package org.smmubench.check;

import org.smmubench.kernel.Violation;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.sva.ArmSmmuBond;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuGroup;
import org.smmubench.kernel.Hex;

/**
 * group-pasid-atomic (I18): the core owns a PASID per group, all devices or none. For every
 * group and every PASID p not in its pasid_array (never attached, detached, or rolled back
 * after a device's set_dev_pasid failed), no device of the group keeps a bond for the mm
 * owning p, nor a valid CD at p other than the quiesced one mm_release leaves behind.
 */
public final class GroupPasidAtomic implements IncrementalInvariant {
    @Override
    public String id() { return "group-pasid-atomic"; }

    @Override
    public void afterStep(World w, Consumer<Violation> sink) {
        check(w.core.groups(), m -> CdSlots.validDword0(w, m), sink);
    }

    /**
     * Per (group, member): the group's pasid_array against that member's bonds and CDs. A
     * member's verdict changes only when it is touched or its group's pasid_array changes,
     * which reaches every member (StepScope.members).
     */
    @Override
    public void afterStep(World w, StepScope scope, Consumer<Violation> sink) {
        if (scope.everything()) check(w.core.groups(), g -> g.devices, CdContents.of(w)::validDword0, sink);
        else check(scope.groups(), scope::members, CdContents.of(w)::validDword0, sink);
    }

    private void check(List<IommuGroup> groups, java.util.function.Function<ArmSmmuMaster, java.util.SortedMap<Integer, Long>> cds,
                       Consumer<Violation> sink) {
        check(groups, g -> g.devices, cds, sink);
    }

    private void check(List<IommuGroup> groups, java.util.function.Function<IommuGroup, List<Device>> members,
                       java.util.function.Function<ArmSmmuMaster, java.util.SortedMap<Integer, Long>> cds, Consumer<Violation> sink) {
        for (IommuGroup g : groups) {
            for (Device dev : members.apply(g)) {
                ArmSmmuMaster m = ArmSmmuV3.master(dev);
                if (m == null || !m.live) continue;
                for (ArmSmmuBond b : SvaState.bonds(m)) {
                    int p = b.mm == null ? -1 : b.mm.mmGetEnqcmdPasid();
                    if (p <= 0 || g.pasidArray.containsKey(p)) continue;
                    sink.accept(Violation.ofState(id(), dev.name() + ": PASID " + Hex.of(p) + ": group " + g.name()
                            + "'s pasid_array has no domain there; expected no bond for " + b.mm.name() + ", found one"));
                }
                for (Map.Entry<Integer, Long> e : cds.apply(m).entrySet()) {
                    int p = e.getKey();
                    if (p == 0 || g.pasidArray.containsKey(p) || CdSlots.quiesced(e.getValue())) continue;
                    sink.accept(Violation.ofState(id(), dev.name() + ": PASID " + Hex.of(p) + ": group " + g.name()
                            + "'s pasid_array has no domain there; expected no valid CD, found one with ASID " + CdSlots.asid(e.getValue())));
                }
            }
        }
    }
}
