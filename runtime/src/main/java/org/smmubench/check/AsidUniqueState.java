package org.smmubench.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.smmubench.driver.ArmSmmuDomain;
import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.CtxDesc;
import org.smmubench.driver.sva.ArmSmmuBond;
import org.smmubench.driver.sva.ArmSmmuMmuNotifier;
import org.smmubench.mm.Mm;

/**
 * What the incremental asid-unique remembers between steps, so that a step costs what it
 * touched rather than a walk of every domain, master and xarray entry.
 *
 * <p>Why each input of a verdict is covered:
 * <ul>
 * <li>arm_smmu_asid_xa: every store and erase is reported by the xarray (exact); a mirror of
 *     its entries gives each ctx_desc's indices, so a CD that moved or was duplicated has all
 *     its indices judged again.</li>
 * <li>ctx_desc.asid: every driver path that writes it (arm_smmu_domain_finalise_s1,
 *     arm_smmu_share_asid, arm_smmu_alloc_shared_cd, the 6.11+ SVA domain alloc) first
 *     stores that same CD into the xarray in the same function, so an ASID change always
 *     comes with an xarray change of that CD (read from the model's sources of every tree;
 *     the cross-check mode of the test suite would catch a path that did not).</li>
 * <li>Whether a domain is a RID domain, the masters with bonds and the reachable notifiers:
 *     {@link NotifierReach} (why it is exact is told there).</li>
 * </ul>
 * A step whose scope touches everything, and the first check of a bench, rebuild all of it
 * from the full walks.
 */
final class AsidUniqueState {
    /** xarray indices stored or erased since the incremental form last looked (the xarray reports them). */
    private final Set<Integer> xaChanged = new HashSet<>();
    private boolean ready;
    /** The xarray's entries when the incremental form last looked. */
    private final Map<Integer, CtxDesc> xaSeen = new HashMap<>();
    /** Each ctx_desc in the xarray, with its indices (more than one is a violation). */
    private final Map<CtxDesc, TreeSet<Integer>> indicesOf = new IdentityHashMap<>();
    /** Private CDs (a domain's own) by the ASID they hold: a superset, filtered and pruned when read. */
    private final Map<Integer, Set<CtxDesc>> privateByAsid = new HashMap<>();
    private final Map<CtxDesc, Integer> filedAt = new IdentityHashMap<>();
    /** The RID domains, masters with bonds and reachable notifiers, at the cost of the bindings (the bench's one, set by attach). */
    private NotifierReach reach;
    /** The bound mms when the incremental form last looked. */
    private Set<Mm> bound = Set.of();

    /** What a step changed, for the incremental form. */
    record Delta(TreeSet<Integer> dirtyIndices, Set<CtxDesc> movedCds, List<ArmSmmuMmuNotifier> notifiers,
                 List<Mm> bound, List<Mm> newlyBound) {}

    void attach(World w) {
        reach = NotifierReach.of(w);
        w.driver.asidXa.addChangeObserver(xaChanged::add);
    }

    boolean ready() { return ready; }

    /** Forgets everything and takes the machine's state from the full walks (first check, or a step touching everything). */
    void rebuild(World w, StepScope scope) {
        xaChanged.clear();
        xaSeen.clear();
        indicesOf.clear();
        privateByAsid.clear();
        filedAt.clear();
        reach.sync(w, scope);
        for (Map.Entry<Integer, CtxDesc> e : w.driver.asidXa.entries().entrySet()) {
            xaSeen.put(e.getKey(), e.getValue());
            indicesOf.computeIfAbsent(e.getValue(), c -> new TreeSet<>()).add(e.getKey());
            file(e.getValue());
        }
        for (ArmSmmuDomain d : SvaState.ridDomains(w)) file(d.cd);
        bound = new LinkedHashSet<>(boundMms(reach.liveMastersWithBonds(scope)));
        ready = true;
    }

    /** Takes in what the step touched; returns what the verdicts must look at again. */
    Delta update(World w, StepScope scope) {
        reach.sync(w, scope);
        List<ArmSmmuDomain> domains = scope.domains();
        for (ArmSmmuDomain d : domains) file(d.cd);

        TreeSet<Integer> dirty = new TreeSet<>();
        Set<CtxDesc> moved = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i : xaChanged) {
            CtxDesc was = xaSeen.get(i);
            CtxDesc now = w.driver.asidXa.load(i);
            if (was == now) continue;
            dirty.add(i);
            if (was != null) {
                moved.add(was);
                TreeSet<Integer> at = indicesOf.get(was);
                at.remove(i);
                if (at.isEmpty()) indicesOf.remove(was);
            }
            if (now != null) {
                moved.add(now);
                xaSeen.put(i, now);
                indicesOf.computeIfAbsent(now, c -> new TreeSet<>()).add(i);
            } else {
                xaSeen.remove(i);
            }
        }
        xaChanged.clear();
        // A CD stored or erased this step may hold a new ASID (see the class comment): its
        // other indices' verdicts and the ASID it is filed under may have changed.
        for (CtxDesc c : moved) {
            addIndices(dirty, c);
            file(c);
        }
        // A touched domain's devices may have changed, and with them how its CD is named.
        for (ArmSmmuDomain d : domains) addIndices(dirty, d.cd);

        List<ArmSmmuMaster> masters = reach.liveMastersWithBonds(scope);
        List<Mm> boundNow = boundMms(masters);
        List<Mm> newly = new ArrayList<>();
        for (Mm mm : boundNow) if (!bound.contains(mm)) newly.add(mm);
        bound = new LinkedHashSet<>(boundNow);
        return new Delta(dirty, moved, reach.reachableNotifiers(w, scope), boundNow, newly);
    }

    private void addIndices(Set<Integer> to, CtxDesc cd) {
        TreeSet<Integer> at = indicesOf.get(cd);
        if (at != null) to.addAll(at);
    }

    /** The index {@code cd} is first found under in the xarray (ascending), or -1. */
    int firstIndex(CtxDesc cd) {
        TreeSet<Integer> at = indicesOf.get(cd);
        return at == null ? -1 : at.first();
    }

    /**
     * The domains owning a private CD filed under ASID {@code asid}; CDs neither in the
     * xarray nor owned by a domain the full walk would judge are dropped (they can come back
     * only through a step that touches their domain, which files them again).
     */
    List<ArmSmmuDomain> privateOwners(int asid) {
        Set<CtxDesc> cds = privateByAsid.get(asid);
        if (cds == null) return List.of();
        List<ArmSmmuDomain> out = new ArrayList<>(cds.size());
        List<CtxDesc> drop = null;
        for (CtxDesc cd : cds) {
            ArmSmmuDomain d = cd.ownerDomain;
            if (cd.asid == asid && (indicesOf.containsKey(cd) || member(d))) out.add(d);
            else (drop == null ? drop = new ArrayList<>() : drop).add(cd);
        }
        if (drop != null) drop.forEach(this::unfile);
        return out;
    }

    /**
     * Whether the full walk lists {@code d}'s CD among those that must be in the xarray: an
     * S1 domain with an SMMU and an ASID, reachable from a group or a live master.
     */
    boolean member(ArmSmmuDomain d) {
        return d != null && d.smmu != null && d.stage == ArmSmmuDomain.Stage.S1 && d.cd.asid != 0 && rid(d);
    }

    /** Whether some group or live master still points at {@code d} (what SvaState.ridDomains reaches). */
    boolean rid(ArmSmmuDomain d) { return reach.rid(d); }

    /** Files a domain's own CD under the ASID it holds now (shared CDs are reached through their notifiers). */
    private void file(CtxDesc cd) {
        if (cd.ownerDomain == null || cd.ownerDomain.cd != cd) return;
        Integer at = filedAt.get(cd);
        if (at != null && at == cd.asid) return;
        unfile(cd);
        if (cd.asid == 0) return;
        filedAt.put(cd, cd.asid);
        privateByAsid.computeIfAbsent(cd.asid, a -> Collections.newSetFromMap(new IdentityHashMap<>())).add(cd);
    }

    private void unfile(CtxDesc cd) {
        Integer at = filedAt.remove(cd);
        if (at == null) return;
        Set<CtxDesc> cds = privateByAsid.get(at);
        cds.remove(cd);
        if (cds.isEmpty()) privateByAsid.remove(at);
    }

    /** The mms the masters' bonds hold, in the order the full walk collects them. */
    private static List<Mm> boundMms(List<ArmSmmuMaster> masters) {
        Set<Mm> out = new LinkedHashSet<>();
        for (ArmSmmuMaster m : masters) for (ArmSmmuBond b : SvaState.bonds(m)) if (b.mm != null) out.add(b.mm);
        return new ArrayList<>(out);
    }
}
