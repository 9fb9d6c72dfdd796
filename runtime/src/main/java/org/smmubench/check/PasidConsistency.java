package org.smmubench.check;

import org.smmubench.kernel.Violation;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.CtxDesc;
import org.smmubench.driver.sva.ArmSmmuBond;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.iommu.IommuDomainType;
import org.smmubench.iommu.IommuGroup;
import org.smmubench.mm.Mm;
import org.smmubench.kernel.Hex;

/**
 * pasid-consistency (I7): the PASID the driver writes at is the mm's PASID
 * (mm_get_enqcmd_pasid) and the id the core passed (the group's pasid_array index). Checked
 * from memory: every valid CD at SSID p != 0 that carries a shared CD's ASID must belong to
 * an mm whose PASID is p, and the master's group must hold that mm's SVA domain at p. The core
 * side alone must agree too: pasid_array[p] holds an SVA domain whose mm has PASID p, and
 * every bonded mm has a PASID at all.
 */
public final class PasidConsistency implements IncrementalInvariant {
    @Override
    public String id() { return "pasid-consistency"; }

    @Override
    public void afterStep(World w, Consumer<Violation> sink) {
        check(w, SvaState.liveMasters(w), w.core.groups(), m -> CdSlots.validDword0(w, m), sink);
    }

    /**
     * Per master: its CDs, their ASIDs' entries in arm_smmu_asid_xa (a changed entry touches
     * the masters whose CDs carry it), its group's pasid_array, its bonds; per group: its
     * pasid_array. mm PASID changes touch everything.
     */
    @Override
    public void afterStep(World w, StepScope scope, Consumer<Violation> sink) {
        if (scope.everything()) {
            afterStep(w, sink);
            return;
        }
        // Only the PASIDs the step changed (StepScope.pasids: CD slots, bonds, pasid_array
        // indices, and the CDs whose ASID's xa entry changed); a master or group with one of
        // them broken is checked whole, so the messages and their order are the full walk's.
        CdContents cds = CdContents.of(w);
        Map<Integer, CtxDesc> xa = w.driver.asidXa.entries();
        for (ArmSmmuMaster m : scope.liveMasters()) {
            java.util.SortedMap<Integer, Long> valid = cds.validDword0(m);
            java.util.SortedSet<Integer> changed = scope.pasids(m);
            if (changed == null || !holds(xa, m, valid, changed)) checkMaster(xa, m, valid, sink);
        }
        for (IommuGroup g : scope.groups()) {
            java.util.SortedSet<Integer> changed = scope.pasidArrayChanges(g);
            if (changed == null || !holds(g, changed)) checkGroup(g, sink);
        }
    }

    /** Whether every CD of {@code m} at a PASID in {@code pasids} agrees with its shared CD's mm and the group. */
    private static boolean holds(Map<Integer, CtxDesc> xa, ArmSmmuMaster m, java.util.SortedMap<Integer, Long> valid, java.util.Set<Integer> pasids) {
        IommuGroup g = m.dev.group;
        for (int p : pasids) {
            Long d0 = valid.get(p);
            if (p == 0 || d0 == null) continue;
            CtxDesc cd = xa.get(CdSlots.asid(d0));
            if (cd == null || cd.mm == null) continue;
            IommuDomain dom = g == null ? null : g.pasidArray.get(p);
            if (cd.mm.mmGetEnqcmdPasid() != p || dom == null || dom.type != IommuDomainType.SVA || dom.mm != cd.mm) return false;
        }
        return true;
    }

    /** Whether the pasid_array entries at {@code pasids} hold SVA domains of mms with that PASID. */
    private static boolean holds(IommuGroup g, java.util.Set<Integer> pasids) {
        for (int p : pasids) {
            IommuDomain dom = g.pasidArray.get(p);
            if (dom != null && dom.type == IommuDomainType.SVA && dom.mm != null && dom.mm.mmGetEnqcmdPasid() != p) return false;
        }
        return true;
    }

    private void check(World w, List<ArmSmmuMaster> masters, List<IommuGroup> groups,
                       java.util.function.Function<ArmSmmuMaster, java.util.SortedMap<Integer, Long>> cds, Consumer<Violation> sink) {
        Map<Integer, CtxDesc> xa = w.driver.asidXa.entries();
        for (ArmSmmuMaster m : masters) checkMaster(xa, m, cds.apply(m), sink);
        for (IommuGroup g : groups) checkGroup(g, sink);
    }

    private void checkMaster(Map<Integer, CtxDesc> xa, ArmSmmuMaster m, java.util.SortedMap<Integer, Long> valid, Consumer<Violation> sink) {
        {
            String dev = m.dev.name();
            IommuGroup g = m.dev.group;
            for (Map.Entry<Integer, Long> e : valid.entrySet()) {
                int p = e.getKey();
                if (p == 0) continue;
                int asid = CdSlots.asid(e.getValue());
                CtxDesc cd = xa.get(asid);
                if (cd == null || cd.mm == null) continue;
                Mm mm = cd.mm;
                if (mm.mmGetEnqcmdPasid() != p) {
                    sink.accept(Violation.ofState(id(), dev + ": PASID " + Hex.of(p) + ": CD carries ASID " + asid + " of "
                            + mm.name() + "'s shared CD; expected it at " + mm.name() + "'s PASID "
                            + pasidText(mm.mmGetEnqcmdPasid()) + ", found it at " + Hex.of(p)));
                }
                IommuDomain dom = g == null ? null : g.pasidArray.get(p);
                if (dom == null || dom.type != IommuDomainType.SVA || dom.mm != mm) {
                    sink.accept(Violation.ofState(id(), dev + ": PASID " + Hex.of(p) + ": CD carries " + mm.name()
                            + "'s ASID " + asid + "; expected group " + (g == null ? "?" : g.name()) + "'s pasid_array["
                            + Hex.of(p) + "] to hold " + mm.name() + "'s SVA domain, found " + describe(dom)));
                }
            }
            for (ArmSmmuBond b : SvaState.bonds(m)) {
                if (b.mm != null && b.mm.mmGetEnqcmdPasid() <= 0) {
                    sink.accept(Violation.ofState(id(), dev + ": bond for " + b.mm.name()
                            + "; expected its mm to have a PASID, found " + pasidText(b.mm.mmGetEnqcmdPasid())));
                }
            }
        }
    }

    private void checkGroup(IommuGroup g, Consumer<Violation> sink) {
        {
            for (Map.Entry<Integer, IommuDomain> e : g.pasidArray.entrySet()) {
                IommuDomain dom = e.getValue();
                if (dom.type != IommuDomainType.SVA || dom.mm == null || dom.mm.mmGetEnqcmdPasid() == e.getKey()) continue;
                sink.accept(Violation.ofState(id(), "group " + g.name() + " (" + devices(g) + "): pasid_array["
                        + Hex.of(e.getKey()) + "] holds " + dom.mm.name() + "'s SVA domain; expected " + dom.mm.name()
                        + "'s PASID to be " + Hex.of(e.getKey()) + ", found " + pasidText(dom.mm.mmGetEnqcmdPasid())));
            }
        }
    }

    private static String describe(IommuDomain dom) {
        if (dom == null) return "nothing";
        if (dom.type == IommuDomainType.SVA) return (dom.mm == null ? "an SVA domain without mm" : dom.mm.name() + "'s SVA domain");
        return dom.toString();
    }

    private static String pasidText(int pasid) { return pasid < 0 ? "IOMMU_PASID_INVALID" : Hex.of(pasid); }

    private static String devices(IommuGroup g) {
        StringBuilder sb = new StringBuilder();
        for (var d : g.devices) sb.append(sb.length() == 0 ? "" : ", ").append(d.name());
        return sb.toString();
    }
}
