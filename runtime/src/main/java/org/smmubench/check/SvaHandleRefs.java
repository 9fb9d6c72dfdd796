package org.smmubench.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
public final class SvaHandleRefs implements IncrementalInvariant {
    /** Every handle seen in World's log of bind-count changes, in first-bind order (World.handleBinds' order). */
    private final Map<IommuSva, Integer> order = new IdentityHashMap<>();
    /** Handles reported at the last incremental check: judged again each step, whatever changed. */
    private final Set<IommuSva> broken = Collections.newSetFromMap(new IdentityHashMap<>());
    private int cursor;

    @Override
    public String id() { return "sva-handle-refs"; }

    @Override
    public void afterStep(World w, Consumer<Violation> sink) {
        for (Map.Entry<IommuSva, Integer> e : w.handleBinds().entrySet()) check(w, e.getKey(), e.getValue(), sink);
    }

    /**
     * Only the handles a bind or unbind returned or was given since the last step (their users
     * count and sva_handles list change only in the core's bind and unbind of them), those
     * already reported, or every handle when a named process's exit or free state changed (its
     * iommu_mm_data, and so the list, can go then). History grows with every bind: walking
     * every handle ever bound made a step's cost grow with the steps already run.
     */
    @Override
    public void afterStep(World w, StepScope scope, Consumer<Violation> sink) {
        List<IommuSva> changed = new ArrayList<>(w.handleChangesSince(cursor));
        cursor = w.handleChangeCount();
        for (IommuSva h : changed) order.putIfAbsent(h, order.size());
        Set<IommuSva> dirty = Collections.newSetFromMap(new IdentityHashMap<>());
        if (scope.everything()) dirty.addAll(w.handleBinds().keySet());
        dirty.addAll(changed);
        dirty.addAll(broken);
        List<IommuSva> handles = new ArrayList<>(dirty);
        handles.sort(Comparator.comparingInt(order::get));
        broken.clear();
        for (IommuSva h : handles) if (check(w, h, w.handleBinds().getOrDefault(h, 0), sink)) broken.add(h);
    }

    @Override
    public void atTeardown(World w, Consumer<Violation> sink) { afterStep(w, sink); }

    /** Reports what is wrong with handle {@code h}; true when something is. */
    private boolean check(World w, IommuSva h, int binds, Consumer<Violation> out) {
        boolean bad = false;
        boolean listed = listed(w, h);
        String name = "iommu_sva of " + h.dev + " for " + mmName(h);
        if (!h.refcounted()) {
            if (binds > 1)
                out.accept(Violation.ofState(id(), name + ": a handle without a users count serves one bind; found "
                        + binds + " binds not unbound"));
            if (listed) out.accept(Violation.ofState(id(), name + ": expected on no list (this tree has no sva_handles), found listed"));
            return binds > 1 || listed;
        }
        if (h.users != binds) {
            bad = true;
            out.accept(Violation.ofState(id(), name + ": expected users " + binds + " (binds minus unbinds), found users " + h.users));
        }
        if (listed != (binds > 0)) {
            bad = true;
            out.accept(Violation.ofState(id(), name + ": " + (binds > 0
                    ? "expected on " + mmName(h) + "'s sva_handles while it has " + binds + " bind(s), found it off the list"
                    : "expected off " + mmName(h) + "'s sva_handles once every bind is unbound, found it listed")));
        }
        return bad;
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
