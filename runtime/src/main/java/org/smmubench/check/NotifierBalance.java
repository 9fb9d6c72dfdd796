package org.smmubench.check;

import org.smmubench.kernel.Violation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.smmubench.driver.ArmSmmuDomain;
import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.sva.ArmSmmuMmuNotifier;
import org.smmubench.mm.Mm;

/**
 * notifier-balance (I8): each arm_smmu_mmu_notifier's refs equals the number of bonds (over
 * all masters) that use it, so every get is paired with one put. A notifier on a domain's
 * list is alive and still subscribed to its mm (unless the mm exited, which unlinks it), and
 * a notifier still subscribed to an mm is on its domain's list (the last put unlinks it).
 * At teardown every domain's list is empty and every notifier ever seen has been freed
 * through the SRCU callback.
 */
public final class NotifierBalance implements IncrementalInvariant {
    /**
     * Every domain seen, with its devices when last seen with any (they are gone by teardown);
     * the teardown message names them. A copy of the list, made only when it changed: a step
     * builds no text.
     */
    private final Map<ArmSmmuDomain, List<ArmSmmuMaster>> seenDomains = new LinkedHashMap<>();
    /** Every notifier seen, with the masters whose bonds last used it. */
    private final Map<ArmSmmuMmuNotifier, List<String>> seenNotifiers = new LinkedHashMap<>();

    @Override
    public String id() { return "notifier-balance"; }

    @Override
    public void afterStep(World w, Consumer<Violation> sink) {
        check(SvaState.ridDomains(w), SvaState.reachableNotifiers(w), SvaState.liveMasters(w), sink);
    }

    /**
     * The touched domains and notifiers; a notifier's bonds are looked for on the touched
     * masters, which include every device of its domain. Idempotent bookkeeping.
     */
    @Override
    public void afterStep(World w, StepScope scope, Consumer<Violation> sink) {
        if (scope.everything()) afterStep(w, sink);
        else check(scope.domains(), scope.notifiers(), scope.liveMasters(), sink);
    }

    private void check(List<ArmSmmuDomain> domains, List<ArmSmmuMmuNotifier> notifiers, List<ArmSmmuMaster> masters,
                       Consumer<Violation> sink) {
        for (ArmSmmuDomain d : domains) {
            if (d.devices.isEmpty() && seenDomains.containsKey(d)) continue;
            List<ArmSmmuMaster> last = seenDomains.get(d);
            if (last == null || !last.equals(d.devices)) seenDomains.put(d, List.copyOf(d.devices));
        }
        Set<ArmSmmuMmuNotifier> listed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ArmSmmuDomain d : domains) {
            for (ArmSmmuMmuNotifier n : SvaState.notifiers(d)) {
                listed.add(n);
                if (n.isFreed()) {
                    sink.accept(Violation.ofState(id(), SvaState.notifierName(n) + ": on " + SvaState.domainName(d)
                            + "'s mmu_notifiers list; expected a live notifier, found it freed"));
                } else if (!n.isLinked() && !(n.mm() != null && n.mm().exited())) {
                    sink.accept(Violation.ofState(id(), SvaState.notifierName(n) + ": on " + SvaState.domainName(d)
                            + "'s list; expected it subscribed to " + SvaState.mmName(n.mm()) + ", which has not exited, found it unlinked"));
                }
                if (n.domain != d) {
                    sink.accept(Violation.ofState(id(), SvaState.notifierName(n) + ": on " + SvaState.domainName(d)
                            + "'s list; expected its domain to be #" + d.id()));
                }
            }
        }
        Map<ArmSmmuMmuNotifier, List<String>> holdersOf = SvaState.bondHoldersByNotifier(masters);
        for (ArmSmmuMmuNotifier n : notifiers) {
            List<String> holders = holdersOf.getOrDefault(n, List.of());
            if (!holders.isEmpty() || !seenNotifiers.containsKey(n)) seenNotifiers.put(n, holders);
            if (n.isFreed()) continue;
            if (n.refs != holders.size()) {
                sink.accept(Violation.ofState(id(), SvaState.notifierName(n) + ": expected refs " + holders.size()
                        + " (bonds on " + (holders.isEmpty() ? "no master" : String.join(", ", holders)) + "), found refs " + n.refs));
            }
            if (n.isLinked() && !listed.contains(n)) {
                sink.accept(Violation.ofState(id(), SvaState.notifierName(n) + ": still subscribed to " + SvaState.mmName(n.mm())
                        + "; expected it on domain #" + (n.domain == null ? "?" : n.domain.id())
                        + "'s mmu_notifiers list (or put), found it off the list with refs " + n.refs));
            }
        }
    }

    @Override
    public void atTeardown(World w, Consumer<Violation> sink) {
        for (Map.Entry<ArmSmmuDomain, List<ArmSmmuMaster>> e : seenDomains.entrySet()) {
            List<String> left = new ArrayList<>();
            for (ArmSmmuMmuNotifier n : SvaState.notifiers(e.getKey())) left.add(SvaState.mmName(n.mm()) + " refs " + n.refs);
            if (!left.isEmpty()) {
                sink.accept(Violation.ofState(id(), SvaState.domainName(e.getKey(), e.getValue()) + ": expected an empty mmu_notifiers list at teardown, found "
                        + String.join(", ", left)));
            }
        }
        for (Map.Entry<ArmSmmuMmuNotifier, List<String>> e : seenNotifiers.entrySet()) {
            ArmSmmuMmuNotifier n = e.getKey();
            if (n.isFreed()) continue;
            sink.accept(Violation.ofState(id(), SvaState.notifierName(n) + " (bound on "
                    + (e.getValue().isEmpty() ? "no master" : String.join(", ", e.getValue())) + "): expected freed at teardown, found refs "
                    + n.refs + (n.isLinked() ? ", still subscribed" : "")));
        }
        if (w.mms.srcuPendingCount() > 0) {
            sink.accept(Violation.ofState(id(), "expected no SRCU-deferred notifier frees at teardown, found " + w.mms.srcuPendingCount()));
        }
        for (Mm mm : w.mms.all()) {
            for (Object o : mm.subscriptions()) {
                if (o instanceof ArmSmmuMmuNotifier n && !seenNotifiers.containsKey(n)) {
                    sink.accept(Violation.ofState(id(), SvaState.notifierName(n) + ": expected unsubscribed at teardown, found it on "
                            + mm.name() + "'s subscription list"));
                }
            }
        }
    }
}
