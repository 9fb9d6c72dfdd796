package org.smmubench.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.sva.ArmSmmuBond;

/**
 * Each master's bonds filed by the PASID of their mm, kept up to date by watching the bond
 * list, so an incremental check asks "is {@code m} bound at PASID p?" without walking one bond
 * per bound process. A master is indexed from its list the first time it is asked about, and
 * watched from then on, so nothing that happened before is missed.
 *
 * <p>A bond is filed under its mm's PASID when it joins the list. That PASID cannot change
 * while the bond is there: the core gives the mm its PASID before attaching it anywhere
 * (iommu_alloc_mm_data, at the first bind) and never sets it again (mm_pasid_drop frees the
 * id but leaves mm->pasid). Lookups still compare the mm's PASID now, so a bond filed under
 * -1 (an mm without a PASID) never counts, as the full walks do not count it.
 */
final class BondIndex {
    private static final class Filed {
        final Map<Integer, List<ArmSmmuBond>> byPasid = new HashMap<>();
        final Map<ArmSmmuBond, Integer> pasidOf = new IdentityHashMap<>();

        void file(ArmSmmuBond b) {
            int p = pasid(b);
            pasidOf.put(b, p);
            byPasid.computeIfAbsent(p, x -> new ArrayList<>(1)).add(b);
        }

        void unfile(ArmSmmuBond b) {
            Integer p = pasidOf.get(b);
            if (p == null) return;
            List<ArmSmmuBond> l = byPasid.get(p);
            for (int i = 0; i < l.size(); i++) {
                if (l.get(i) == b) {
                    l.remove(i);
                    break;
                }
            }
            if (l.isEmpty()) byPasid.remove(p);
            if (l.stream().noneMatch(x -> x == b)) pasidOf.remove(b);
        }
    }

    private final Map<ArmSmmuMaster, Filed> masters = new IdentityHashMap<>();

    static BondIndex of(World w) {
        return w.shared(BondIndex.class, BondIndex::new);
    }

    /** How many of {@code m}'s bonds are for an mm whose PASID is {@code pasid} now. */
    int bondsAt(ArmSmmuMaster m, int pasid) {
        List<ArmSmmuBond> l = filed(m).byPasid.get(pasid);
        if (l == null) return 0;
        int n = 0;
        for (ArmSmmuBond b : l) if (pasid(b) == pasid) n++;
        return n;
    }

    /** {@code m}'s bonds for an mm whose PASID is {@code pasid} now (in no particular order when several). */
    List<ArmSmmuBond> at(ArmSmmuMaster m, int pasid) {
        List<ArmSmmuBond> l = filed(m).byPasid.get(pasid);
        if (l == null) return List.of();
        List<ArmSmmuBond> out = new ArrayList<>(l.size());
        for (ArmSmmuBond b : l) if (pasid(b) == pasid) out.add(b);
        return out;
    }

    private Filed filed(ArmSmmuMaster m) {
        Filed f = masters.get(m);
        if (f != null) return f;
        Filed made = new Filed();
        for (ArmSmmuBond b : SvaState.bonds(m)) made.file(b);
        m.bonds.watch((o, joined) -> {
            if (joined) made.file((ArmSmmuBond) o);
            else made.unfile((ArmSmmuBond) o);
        });
        masters.put(m, made);
        return made;
    }

    private static int pasid(ArmSmmuBond b) {
        return b.mm == null ? -1 : b.mm.mmGetEnqcmdPasid();
    }
}
