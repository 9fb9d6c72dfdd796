package org.smmubench.check;

import java.util.Map;
import java.util.function.Consumer;

import org.smmubench.iommu.IommuMm;
import org.smmubench.iommu.IommuSva;
import org.smmubench.kernel.Violation;
import org.smmubench.mm.Mm;

/**
 * sva-handle-refs (I20): the iommu core's count of an SVA handle's users equals the binds
 * that returned it minus the unbinds given it (as the device drivers calling the core count
 * them), and the handle is on its mm's sva_handles list exactly while that is above zero, so
 * the next bind of the same (device, mm) finds it. A tree whose struct iommu_sva has no users
 * count (before 65d4418c5002) hands out one handle per bind, never listed. Checked after
 * every step and at teardown.
 */
public final class SvaHandleRefs implements Invariant {
    @Override
    public String id() { return "sva-handle-refs"; }

    @Override
    public void afterStep(World w, Consumer<Violation> sink) { check(w, sink); }

    @Override
    public void atTeardown(World w, Consumer<Violation> sink) { check(w, sink); }

    private void check(World w, Consumer<Violation> sink) {
        for (Map.Entry<IommuSva, Integer> e : w.handleBinds().entrySet()) {
            IommuSva h = e.getKey();
            int binds = e.getValue();
            boolean listed = listed(w, h);
            String name = "iommu_sva of " + h.dev + " for " + mmName(h);
            if (!h.refcounted()) {
                if (binds > 1)
                    sink.accept(Violation.ofState(id(), name + ": a handle without a users count serves one bind; found "
                            + binds + " binds not unbound"));
                if (listed) sink.accept(Violation.ofState(id(), name + ": expected on no list (this tree has no sva_handles), found listed"));
                continue;
            }
            if (h.users != binds)
                sink.accept(Violation.ofState(id(), name + ": expected users " + binds + " (binds minus unbinds), found users " + h.users));
            if (listed != (binds > 0))
                sink.accept(Violation.ofState(id(), name + ": " + (binds > 0
                        ? "expected on " + mmName(h) + "'s sva_handles while it has " + binds + " bind(s), found it off the list"
                        : "expected off " + mmName(h) + "'s sva_handles once every bind is unbound, found it listed")));
        }
    }

    private static boolean listed(World w, IommuSva h) {
        if (h.domain == null || h.domain.mm == null) return false;
        IommuMm data = w.core.iommuMm(h.domain.mm);
        // From 6.11 the handle is the attach handle in its group's pasid_array, not on a list.
        return data != null && data.svaHandles.contains(h)
                || h.dev != null && h.dev.group != null && h.dev.group.pasidHandles.containsValue(h);
    }

    private static String mmName(IommuSva h) {
        Mm mm = h.domain == null ? null : h.domain.mm;
        return mm == null ? "?" : mm.name();
    }
}
