package org.smmubench.check;

import org.smmubench.kernel.Violation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.smmubench.driver.CtxDesc;
import org.smmubench.driver.sva.ArmSmmuMmuNotifier;
import org.smmubench.mm.Mm;

/**
 * shared-cd-refs (I10): a shared CD's refs equals the number of live notifiers whose cd it is
 * (one mm bound through several RID domains shares one CD and one ASID). A shared CD whose
 * refs reached 0 is out of arm_smmu_asid_xa. Each live shared CD holds exactly one
 * arm64_mm_context_get pin on its mm, so the pins equal the live shared CDs; at teardown every
 * pin is released and every mm is freed (each mmgrab had its mmdrop).
 */
public final class SharedCdRefs implements IncrementalInvariant {
    /** arm_smmu_asid_xa indices changed since the incremental form last looked (the xarray reports them). */
    private final Set<Integer> xaChanged = new HashSet<>();
    /**
     * The xa indices the last walk's verdicts read: where it found a shared CD, and the ASID
     * of every CD it judged (its "still in the xarray" check loads that index).
     */
    private Set<Integer> watched = Set.of();
    private boolean attached, walked;
    /**
     * For the incremental form: the xa indices holding a shared CD, kept from the xarray's
     * changes, and the reachable notifiers from the bench's NotifierReach, so a walk after a
     * bind costs the bindings, not a walk of every RID domain and every (mostly private) xa entry.
     */
    private final java.util.TreeSet<Integer> sharedIndices = new java.util.TreeSet<>();
    private boolean tracking;

    @Override
    public String id() { return "shared-cd-refs"; }

    @Override
    public void attach(World w, Consumer<Violation> sink) {
        w.driver.asidXa.addChangeObserver(xaChanged::add);
        attached = true;
    }

    @Override
    public void afterStep(World w, Consumer<Violation> sink) {
        List<Integer> shared = new ArrayList<>();
        w.driver.asidXa.entries().forEach((i, cd) -> {
            if (cd.mm != null) shared.add(i);
        });
        walk(w, SvaState.reachableNotifiers(w), shared, sink);
    }

    /**
     * The whole walk, but only after a step that could change what it reports: one that names
     * a process (bind, unbind, exit, map: pins, bonds, subscriptions, new mms), touches a
     * notifier (refs, its CD, its list: notifiers are reached through their domains and the
     * bonds using them), or changes an xa index the last walk read or one that now holds a
     * shared CD. Otherwise every input of every verdict and message is as the last walk left
     * it, so the walk would report nothing new. Probes (a private ASID each, at a fresh index)
     * and DMA steps therefore cost nothing here instead of a walk of every domain.
     */
    @Override
    public void afterStep(World w, StepScope scope, Consumer<Violation> sink) {
        NotifierReach reach = NotifierReach.of(w);
        reach.sync(w, scope);
        if (!tracking || scope.everything()) {
            sharedIndices.clear();
            w.driver.asidXa.entries().forEach((i, cd) -> {
                if (cd.mm != null) sharedIndices.add(i);
            });
            tracking = true;
        }
        boolean run = !attached || !walked || scope.everything() || !scope.mms().isEmpty() || !scope.notifiers().isEmpty();
        for (int i : xaChanged) {
            CtxDesc now = w.driver.asidXa.load(i);
            boolean shared = now != null && now.mm != null;
            if (shared) sharedIndices.add(i);
            else sharedIndices.remove(i);
            run |= watched.contains(i) || shared;
        }
        xaChanged.clear();
        if (!run) return;
        walked = true;
        watched = walk(w, reach.reachableNotifiers(w, scope), sharedIndices, sink);
    }

    /**
     * The walk over the given reachable notifiers (in SvaState's order) and xa indices holding a
     * shared CD (ascending); returns the xa indices its verdicts read (see {@link #watched}).
     */
    private Set<Integer> walk(World w, List<ArmSmmuMmuNotifier> reachable, Iterable<Integer> shared, Consumer<Violation> sink) {
        Set<Integer> read = new HashSet<>();
        Map<CtxDesc, List<ArmSmmuMmuNotifier>> users = new LinkedHashMap<>();
        for (ArmSmmuMmuNotifier n : reachable) {
            if (n.isFreed() || n.cd == null) continue;
            users.computeIfAbsent(n.cd, c -> new ArrayList<>()).add(n);
        }
        for (int i : shared) {
            users.computeIfAbsent(w.driver.asidXa.load(i), c -> new ArrayList<>());
            read.add(i);
        }
        Map<Mm, List<Integer>> live = new LinkedHashMap<>();
        for (Map.Entry<CtxDesc, List<ArmSmmuMmuNotifier>> e : users.entrySet()) {
            CtxDesc cd = e.getKey();
            List<ArmSmmuMmuNotifier> ns = e.getValue();
            read.add(cd.asid);
            String name = "shared CD of " + SvaState.mmName(cd.mm) + " (ASID " + cd.asid + ")";
            if (cd.refs != ns.size()) {
                sink.accept(Violation.ofState(id(), name + ": expected refs " + ns.size() + " (" + describe(w, ns)
                        + "), found refs " + cd.refs));
            }
            if (cd.refs <= 0 && w.driver.asidXa.load(cd.asid) == cd) {
                sink.accept(Violation.ofState(id(), name + ": expected it erased from arm_smmu_asid_xa once refs reached 0, found it still there"
                        + " (" + describe(w, ns) + ")"));
            }
            if (cd.refs > 0 && cd.mm != null) live.computeIfAbsent(cd.mm, m -> new ArrayList<>()).add(cd.asid);
        }
        for (Mm mm : w.mms.all()) {
            List<Integer> asids = live.getOrDefault(mm, List.of());
            if (mm.asidPins() != asids.size()) {
                sink.accept(Violation.ofState(id(), mm.name() + ": expected " + asids.size() + " arm64_mm_context_get pin(s) (one per live shared CD"
                        + (asids.isEmpty() ? "" : ": ASID " + asids) + ", bound on " + boundOn(w, mm) + "), found " + mm.asidPins()));
            }
        }
        return read;
    }

    @Override
    public void atTeardown(World w, Consumer<Violation> sink) {
        for (Mm mm : w.mms.all()) {
            if (mm.asidPins() != 0) {
                sink.accept(Violation.ofState(id(), mm.name() + " (CPU ASID " + mm.cpuAsid() + "): expected no arm64_mm_context_get pins at teardown, found "
                        + mm.asidPins()));
            } else if (!mm.freed()) {
                sink.accept(Violation.ofState(id(), mm.name() + " (CPU ASID " + mm.cpuAsid() + "): expected the mm freed at teardown (every mmgrab dropped), found mm_count "
                        + mm.mmCount()));
            }
        }
    }

    private static String describe(World w, List<ArmSmmuMmuNotifier> ns) {
        if (ns.isEmpty()) return "no notifier uses it";
        List<String> out = new ArrayList<>();
        for (ArmSmmuMmuNotifier n : ns) {
            List<String> h = SvaState.bondHolders(w, n);
            out.add("domain #" + (n.domain == null ? "?" : n.domain.id()) + (h.isEmpty() ? "" : " via " + String.join(", ", h)));
        }
        return "notifiers on " + String.join("; ", out);
    }

    private static String boundOn(World w, Mm mm) {
        List<String> out = new ArrayList<>();
        for (var m : SvaState.liveMasters(w)) {
            for (var b : SvaState.bonds(m)) if (b.mm == mm) out.add(m.dev.name());
        }
        return out.isEmpty() ? "no master" : String.join(", ", out);
    }
}
