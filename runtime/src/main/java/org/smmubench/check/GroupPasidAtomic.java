package org.smmubench.check;

import org.smmubench.kernel.Violation;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
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
     * Per (group, member, PASID): the group's pasid_array against that member's bonds and CDs.
     * A member's verdict changes only when it is touched or its group's pasid_array changes,
     * which reaches every member (StepScope.members); within a member, only at the PASIDs the
     * step changed (StepScope.pasids: its CD slots, bonds and its group's pasid_array indices).
     * A member with a broken PASID among those is checked whole, so the messages and their
     * order are the full walk's.
     */
    @Override
    public void afterStep(World w, StepScope scope, Consumer<Violation> sink) {
        CdContents cds = CdContents.of(w);
        if (scope.everything()) {
            check(w.core.groups(), g -> g.devices, cds::validDword0, sink);
            return;
        }
        BondIndex bonds = BondIndex.of(w);
        for (IommuGroup g : scope.groups()) {
            for (Device dev : scope.members(g)) {
                ArmSmmuMaster m = ArmSmmuV3.master(dev);
                if (m == null || !m.live) continue;
                SortedMap<Integer, Long> valid = cds.validDword0(m);
                java.util.SortedSet<Integer> changed = scope.pasids(m);
                if (changed == null || !holds(bonds, g, m, valid, changed)) checkMember(g, dev, m, valid, sink);
            }
        }
    }

    /** Whether no PASID in {@code pasids} absent from g's pasid_array has a bond or a live CD on {@code m}. */
    private static boolean holds(BondIndex bonds, IommuGroup g, ArmSmmuMaster m, SortedMap<Integer, Long> valid, java.util.Set<Integer> pasids) {
        for (int p : pasids) {
            if (p <= 0 || g.pasidArray.containsKey(p)) continue;
            if (bonds.bondsAt(m, p) > 0) return false;
            Long d0 = valid.get(p);
            if (d0 != null && !CdSlots.quiesced(d0)) return false;
        }
        return true;
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
                checkMember(g, dev, m, cds.apply(m), sink);
            }
        }
    }

    private void checkMember(IommuGroup g, Device dev, ArmSmmuMaster m, SortedMap<Integer, Long> valid, Consumer<Violation> sink) {
        for (ArmSmmuBond b : SvaState.bonds(m)) {
            int p = b.mm == null ? -1 : b.mm.mmGetEnqcmdPasid();
            if (p <= 0 || g.pasidArray.containsKey(p)) continue;
            sink.accept(Violation.ofState(id(), dev.name() + ": PASID " + Hex.of(p) + ": group " + g.name()
                    + "'s pasid_array has no domain there; expected no bond for " + b.mm.name() + ", found one"));
        }
        for (Map.Entry<Integer, Long> e : valid.entrySet()) {
            int p = e.getKey();
            if (p == 0 || g.pasidArray.containsKey(p) || CdSlots.quiesced(e.getValue())) continue;
            sink.accept(Violation.ofState(id(), dev.name() + ": PASID " + Hex.of(p) + ": group " + g.name()
                    + "'s pasid_array has no domain there; expected no valid CD, found one with ASID " + CdSlots.asid(e.getValue())));
        }
    }
}
