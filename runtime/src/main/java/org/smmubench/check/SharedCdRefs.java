package org.smmubench.check;

import org.smmubench.kernel.Violation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
public final class SharedCdRefs implements Invariant {
    @Override
    public String id() { return "shared-cd-refs"; }

    @Override
    public void afterStep(World w, Consumer<Violation> sink) {
        Map<CtxDesc, List<ArmSmmuMmuNotifier>> users = new LinkedHashMap<>();
        for (ArmSmmuMmuNotifier n : SvaState.reachableNotifiers(w)) {
            if (n.isFreed() || n.cd == null) continue;
            users.computeIfAbsent(n.cd, c -> new ArrayList<>()).add(n);
        }
        for (CtxDesc cd : w.driver.asidXa.entries().values()) {
            if (cd.mm != null) users.computeIfAbsent(cd, c -> new ArrayList<>());
        }
        Map<Mm, List<Integer>> live = new LinkedHashMap<>();
        for (Map.Entry<CtxDesc, List<ArmSmmuMmuNotifier>> e : users.entrySet()) {
            CtxDesc cd = e.getKey();
            List<ArmSmmuMmuNotifier> ns = e.getValue();
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
