package org.smmubench.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.smmubench.driver.ArmSmmuDomain;
import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.sva.ArmSmmuBond;
import org.smmubench.driver.sva.ArmSmmuMmuNotifier;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.iommu.IommuGroup;
import org.smmubench.mm.Mm;

/**
 * What SvaState's full walks reach of the SVA bindings (the RID domains, the live masters with
 * bonds, the reachable notifiers, in the walks' order), kept up to date from each step's scope
 * so that asking costs the bindings rather than every group and device. For the incremental
 * checks that would otherwise walk every domain after a bind (asid-unique, shared-cd-refs).
 * One per bench ({@link #of}); whichever check asks first in a step brings it up to date
 * ({@link #sync}), and the step's answers are computed once.
 *
 * <p>Why it is exact: a domain becomes a RID domain only when a group or live master comes to
 * point at it, and a notifier becomes reachable only by joining a domain's list, a master's
 * bonds or an mm's subscriptions; each of those happens in a step whose scope holds that group,
 * master, domain or mm (StepScope's rule). The groups, masters, domains and mms ever seen
 * holding any, filtered when read, therefore give what the full walks would. A step touching
 * everything, and the first check, {@link #rebuild} from the full walks.
 */
final class NotifierReach {
    /** Groups and masters ever seen pointing at each domain (a superset, filtered when asked). */
    private final Map<ArmSmmuDomain, List<Object>> referrers = new IdentityHashMap<>();
    /** Domains seen with notifiers on their list, masters seen with bonds, mms seen with SVA subscriptions. */
    private final Set<ArmSmmuDomain> withNotifiers = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<ArmSmmuMaster> withBonds = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Mm> withSubscriptions = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean ready;
    /** The step it was last brought up to date for, and that step's answers (null until asked). */
    private long syncedSerial = -1;
    private List<ArmSmmuMaster> masters;
    private List<ArmSmmuMmuNotifier> notifiers;

    private NotifierReach() {}

    static NotifierReach of(World w) { return w.shared(NotifierReach.class, NotifierReach::new); }

    /**
     * Brings it up to date with the step just ended, once per step: from the full walks the
     * first time and after a step touching everything, else from the step's scope (every
     * step must be seen, which the incremental checks calling this after every step ensure).
     */
    void sync(World w, StepScope scope) {
        if (syncedSerial == w.stepSerial()) return;
        syncedSerial = w.stepSerial();
        masters = null;
        notifiers = null;
        if (!ready || scope.everything()) {
            rebuild(w);
            ready = true;
        } else {
            update(scope);
        }
    }

    /** Forgets everything and takes the machine's state from the full walks. */
    private void rebuild(World w) {
        referrers.clear();
        withNotifiers.clear();
        withBonds.clear();
        withSubscriptions.clear();
        for (IommuGroup g : w.core.groups()) {
            refer(g.domain, g);
            refer(g.defaultDomain, g);
        }
        for (ArmSmmuMaster m : SvaState.liveMasters(w)) {
            refer(m.domain, m);
            if (!m.bonds.isEmpty()) withBonds.add(m);
        }
        for (ArmSmmuDomain d : SvaState.ridDomains(w)) if (!d.mmuNotifiers.isEmpty()) withNotifiers.add(d);
        for (Mm mm : w.mms.all()) if (hasSvaSubscription(mm)) withSubscriptions.add(mm);
    }

    /** Takes in what a step touched. */
    private void update(StepScope scope) {
        for (IommuGroup g : scope.groups()) {
            refer(g.domain, g);
            refer(g.defaultDomain, g);
        }
        for (ArmSmmuMaster m : scope.masters()) {
            if (m.live) refer(m.domain, m);
            if (m.live && !m.bonds.isEmpty()) withBonds.add(m);
        }
        for (ArmSmmuDomain d : scope.domains()) if (!d.mmuNotifiers.isEmpty()) withNotifiers.add(d);
        for (Mm mm : scope.mms()) if (hasSvaSubscription(mm)) withSubscriptions.add(mm);
    }

    /** Whether some group or live master still points at {@code d} (what SvaState.ridDomains reaches). */
    boolean rid(ArmSmmuDomain d) {
        List<Object> refs = referrers.get(d);
        if (refs == null) return false;
        for (java.util.Iterator<Object> it = refs.iterator(); it.hasNext();) {
            Object r = it.next();
            boolean still = r instanceof IommuGroup g ? g.domain == d || g.defaultDomain == d
                    : r instanceof ArmSmmuMaster m && m.live && m.domain == d;
            if (still) return true;
            it.remove(); // it can point at d again only in a step touching it, which records it again
        }
        referrers.remove(d);
        return false;
    }

    private void refer(IommuDomain d, Object who) {
        if (!(d instanceof ArmSmmuDomain a)) return;
        List<Object> refs = referrers.computeIfAbsent(a, x -> new ArrayList<>(1));
        for (Object r : refs) if (r == who) return;
        refs.add(who);
    }

    /** The live masters with bonds, in probe order (as SvaState.liveMasters lists them); after {@link #sync}. */
    List<ArmSmmuMaster> liveMastersWithBonds(StepScope scope) {
        if (masters != null) return masters;
        withBonds.removeIf(m -> !m.live || m.bonds.isEmpty());
        List<ArmSmmuMaster> out = new ArrayList<>(withBonds);
        if (out.size() > 1) out.sort(Comparator.comparingInt(m -> scope.deviceOrder(m.dev)));
        return masters = List.copyOf(out);
    }

    /** SvaState.reachableNotifiers, from the domains, masters and mms known to hold any; after {@link #sync}. */
    List<ArmSmmuMmuNotifier> reachableNotifiers(World w, StepScope scope) {
        if (notifiers != null) return notifiers;
        List<ArmSmmuMaster> withBondsNow = liveMastersWithBonds(scope);
        Set<ArmSmmuMmuNotifier> seen = Collections.newSetFromMap(new IdentityHashMap<>(2 * withBondsNow.size() + 16));
        List<ArmSmmuMmuNotifier> out = new ArrayList<>();
        withNotifiers.removeIf(d -> d.mmuNotifiers.isEmpty());
        List<ArmSmmuDomain> domains = new ArrayList<>();
        for (ArmSmmuDomain d : withNotifiers) if (rid(d)) domains.add(d);
        domains.sort(Comparator.comparingInt(ArmSmmuDomain::id));
        for (ArmSmmuDomain d : domains) for (ArmSmmuMmuNotifier n : SvaState.notifiers(d)) if (seen.add(n)) out.add(n);
        for (ArmSmmuMaster m : withBondsNow) {
            for (ArmSmmuBond b : SvaState.bonds(m)) if (b.smmuMn != null && seen.add(b.smmuMn)) out.add(b.smmuMn);
        }
        withSubscriptions.removeIf(mm -> !hasSvaSubscription(mm));
        boolean more = false;
        for (Mm mm : withSubscriptions) {
            for (Object o : mm.subscriptions()) if (o instanceof ArmSmmuMmuNotifier n && !seen.contains(n)) more = true;
        }
        // Notifiers only a subscription reaches (a leak): rare, so their order is taken from every mm.
        if (more) {
            for (Mm mm : w.mms.all()) {
                for (Object o : mm.subscriptions()) if (o instanceof ArmSmmuMmuNotifier n && seen.add(n)) out.add(n);
            }
        }
        return notifiers = List.copyOf(out);
    }

    private static boolean hasSvaSubscription(Mm mm) {
        for (Object o : mm.subscriptions()) if (o instanceof ArmSmmuMmuNotifier) return true;
        return false;
    }
}
