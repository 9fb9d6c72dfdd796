package org.smmubench.check;

import org.smmubench.kernel.Violation;

import java.util.Map;
import java.util.SortedMap;
import java.util.function.Consumer;

import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.mm.Mm;
import org.smmubench.kernel.Hex;

/**
 * cd-placement (I4): after each step, for every live master M and PASID p != 0, M's CD table
 * in memory holds a valid CD at p exactly when M has a bond whose mm owns p. The one extra
 * state allowed is the quiesced CD (V = 1, EPD0 = 1) of an mm that has exited: mm_release
 * keeps it valid on purpose so in-flight DMA takes a translation fault, not C_BAD_CD.
 * In the modelled topologies (DMA default domains, whose device lists are the groups) the
 * pre-fix driver's per-domain placement (I4') coincides with I4, so both variants must hold it.
 */
public final class CdPlacement implements IncrementalInvariant {
    @Override
    public String id() { return "cd-placement"; }

    @Override
    public void afterStep(World w, Consumer<Violation> sink) {
        for (ArmSmmuMaster m : SvaState.liveMasters(w)) check(w, m, CdSlots.validDword0(w, m), sink);
    }

    /**
     * Per (master, PASID): its bonds, its CD table and the mms' PASIDs (a PASID change touches
     * everything). Only the PASIDs the step changed are judged (StepScope.pasids); if one of
     * them breaks the rule, the master is checked whole, so the messages and their order are
     * the full walk's. A master with thousands of live PASIDs costs what the step changed.
     */
    @Override
    public void afterStep(World w, StepScope scope, Consumer<Violation> sink) {
        if (scope.everything()) {
            afterStep(w, sink);
            return;
        }
        CdContents cds = CdContents.of(w);
        BondIndex bonds = BondIndex.of(w);
        for (ArmSmmuMaster m : scope.liveMasters()) {
            SortedMap<Integer, Long> valid = cds.validDword0(m);
            java.util.SortedSet<Integer> changed = scope.pasids(m);
            if (changed == null || !holds(bonds, m, valid, changed)) check(w, m, valid, sink);
        }
    }

    /**
     * Whether every PASID in {@code pasids} has a valid CD exactly when {@code m} is bound to it
     * (the 6.11 path through the group's SVA domains never comes here: StepScope.pasids is
     * null for such a master). A quiesced CD left valid is not excused here: check() decides.
     */
    private static boolean holds(BondIndex bonds, ArmSmmuMaster m, SortedMap<Integer, Long> valid, java.util.Set<Integer> pasids) {
        for (int p : pasids) {
            if (p == 0) continue;
            if (valid.containsKey(p) != (bonds.bondsAt(m, p) > 0)) return false;
        }
        return true;
    }

    private void check(World w, ArmSmmuMaster m, SortedMap<Integer, Long> valid, Consumer<Violation> sink) {
        String dev = m.dev.name();
        SortedMap<Integer, Mm> bound = SvaState.boundMms(m);
        for (Map.Entry<Integer, Long> e : valid.entrySet()) {
            int p = e.getKey();
            if (p == 0 || bound.containsKey(p)) continue;
            Mm owner = SvaState.mmWithPasid(w, p);
            long d0 = e.getValue();
            if (CdSlots.quiesced(d0) && owner != null && owner.exited()) continue;
            sink.accept(Violation.ofState(id(), dev + ": PASID " + Hex.of(p) + ": expected no valid CD ("
                    + dev + " has no bond for " + (owner == null ? "any mm with that PASID" : owner.name())
                    + "), found a valid " + (CdSlots.quiesced(d0) ? "quiesced " : "") + "CD with ASID " + CdSlots.asid(d0)));
        }
        for (Map.Entry<Integer, Mm> e : bound.entrySet()) {
            int p = e.getKey();
            if (valid.containsKey(p)) continue;
            sink.accept(Violation.ofState(id(), dev + ": PASID " + Hex.of(p) + ": expected a valid CD for "
                    + e.getValue().name() + " (" + dev + " is bound to it), found "
                    + (m.cdTable.cdtab == null ? "no CD table" : "V = 0")));
        }
    }
}
