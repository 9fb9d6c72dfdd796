package org.smmubench.check;

import org.smmubench.kernel.Violation;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.smmubench.driver.ArmSmmuDomain;
import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.sva.ArmSmmuBond;
import org.smmubench.driver.sva.ArmSmmuMmuNotifier;
import org.smmubench.mm.Mm;

/**
 * bond-unique (I9): a master has at most one bond per mm (6.8 has no bond refcount; the core's
 * handle sharing keeps a second bind away from the driver), and every bond points at a live
 * notifier for the same mm that sits on the list of the master's own RID domain.
 */
public final class BondUnique implements IncrementalInvariant {
    @Override
    public String id() { return "bond-unique"; }

    @Override
    public void afterStep(World w, Consumer<Violation> sink) {
        check(SvaState.liveMasters(w), sink);
    }

    /** Per master: its bonds and their notifiers (put and freed only by steps that reach the notifier's domain). */
    @Override
    public void afterStep(World w, StepScope scope, Consumer<Violation> sink) {
        check(scope.everything() ? SvaState.liveMasters(w) : scope.liveMasters(), sink);
    }

    private void check(List<ArmSmmuMaster> masters, Consumer<Violation> sink) {
        // Whether a notifier is on its domain's list, asked once per bond: a set per domain,
        // not a search of the list (a domain with N bound processes made that N² per master).
        Map<ArmSmmuDomain, Set<Object>> listed = new IdentityHashMap<>();
        for (ArmSmmuMaster m : masters) {
            String dev = m.dev.name();
            Map<Mm, Integer> perMm = new LinkedHashMap<>();
            for (ArmSmmuBond b : SvaState.bonds(m)) {
                perMm.merge(b.mm, 1, Integer::sum);
                checkNotifier(m, b, listed, sink);
            }
            perMm.forEach((mm, n) -> {
                if (n > 1) {
                    sink.accept(Violation.ofState(id(), dev + ": expected at most 1 bond for " + SvaState.mmName(mm)
                            + (mm != null && mm.pasid > 0 ? " (PASID " + org.smmubench.kernel.Hex.of(mm.pasid) + ")" : "")
                            + ", found " + n));
                }
            });
        }
    }

    /** The notifiers on {@code d}'s mmu_notifiers list, by identity (ArmSmmuMmuNotifier keeps Object's equals). */
    private static Set<Object> onList(ArmSmmuDomain d) {
        Set<Object> out = Collections.newSetFromMap(new IdentityHashMap<>(2 * d.mmuNotifiers.size()));
        out.addAll(d.mmuNotifiers);
        return out;
    }

    private void checkNotifier(ArmSmmuMaster m, ArmSmmuBond b, Map<ArmSmmuDomain, Set<Object>> listed, Consumer<Violation> sink) {
        String what = m.dev.name() + ": bond for " + SvaState.mmName(b.mm);
        ArmSmmuMmuNotifier n = b.smmuMn;
        if (n == null) {
            sink.accept(Violation.ofState(id(), what + ": expected a notifier, found none"));
            return;
        }
        if (n.isFreed()) {
            sink.accept(Violation.ofState(id(), what + ": expected a live notifier, found the freed " + SvaState.notifierName(n)));
            return;
        }
        if (n.mm() != b.mm) {
            sink.accept(Violation.ofState(id(), what + ": expected the notifier of " + SvaState.mmName(b.mm)
                    + ", found the " + SvaState.notifierName(n)));
        }
        if (n.domain == null || !listed.computeIfAbsent(n.domain, BondUnique::onList).contains(n)) {
            sink.accept(Violation.ofState(id(), what + ": expected its notifier on domain #" + (n.domain == null ? "?" : n.domain.id())
                    + "'s mmu_notifiers list, found it off the list (refs " + n.refs + ")"));
        }
        if (n.domain != m.domain) {
            sink.accept(Violation.ofState(id(), what + ": expected its notifier to belong to " + m.dev.name() + "'s RID domain #"
                    + (m.domain == null ? "none" : m.domain.id()) + ", found domain #" + (n.domain == null ? "?" : n.domain.id())));
        }
    }
}
