package org.smmubench.check;

import org.smmubench.kernel.Violation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.smmubench.hw.DmaResult;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.mm.Mm;

/**
 * dma-after-unbind. Once an unbind (or the exit of the bound mm)
 * has returned, no DMA with that PASID succeeds, whichever cache (config, TLB, ATC) would
 * serve it. The bound PASIDs are snapshotted after every step, so "was bound, is not now"
 * means an unbind returned in between.
 */
public final class DmaAfterUnbind implements IncrementalInvariant {
    public static final String ID = "dma-after-unbind";

    private record Gone(String mm, int step) {}

    /** Per device: PASID -> mm bound when the last step ended. */
    private final Map<Device, Map<Integer, Mm>> bound = new LinkedHashMap<>();
    /** Per device: PASID -> the mm unbound from it, and the step that did it. */
    private final Map<Device, Map<Integer, Gone>> unbound = new LinkedHashMap<>();

    @Override
    public String id() { return ID; }

    @Override
    public void afterStep(World w, Consumer<Violation> sink) {
        remember(w, w.core.devices());
    }

    /**
     * A group's pasid_array changes only when one of its devices attaches or detaches, which
     * touches all of them. Idempotent: a device seen twice in a step changes nothing the second time.
     */
    @Override
    public void afterStep(World w, StepScope scope, Consumer<Violation> sink) {
        if (scope.everything()) {
            remember(w, w.core.devices());
            return;
        }
        // A device whose group holds thousands of PASIDs: only the indices the step stored or
        // erased (StepScope.pasidArrayChanges), unless the scope cannot say.
        for (Device dev : scope.devices()) {
            if (dev.group == null) continue;
            java.util.SortedSet<Integer> changed = scope.pasidArrayChanges(dev.group);
            if (changed == null || !bound.containsKey(dev)) remember(w, List.of(dev));
            else remember(w, dev, changed);
        }
    }

    /** As {@link #remember(World, List)} for one device, at the pasid_array indices {@code pasids} only. */
    private void remember(World w, Device dev, java.util.Set<Integer> pasids) {
        Map<Integer, Mm> before = bound.get(dev);
        Map<Integer, Gone> gone = unbound.computeIfAbsent(dev, d -> new TreeMap<>());
        for (int pasid : pasids) {
            IommuDomain d = dev.group.pasidArray.get(pasid);
            Mm now = d == null ? null : d.mm;
            Mm was = before.get(pasid);
            if (was != null && now != was) gone.put(pasid, new Gone(was.name(), w.step()));
            if (now == null) {
                before.remove(pasid);
            } else {
                gone.remove(pasid);
                before.put(pasid, now);
            }
        }
    }

    private void remember(World w, List<Device> devices) {
        for (Device dev : devices) {
            if (dev.group == null) continue;
            Map<Integer, Mm> now = new TreeMap<>();
            for (Map.Entry<Integer, IommuDomain> e : dev.group.pasidArray.entrySet()) {
                if (e.getValue().mm != null) now.put(e.getKey(), e.getValue().mm);
            }
            Map<Integer, Mm> before = bound.getOrDefault(dev, Map.of());
            Map<Integer, Gone> gone = unbound.computeIfAbsent(dev, d -> new TreeMap<>());
            before.forEach((pasid, mm) -> {
                if (now.get(pasid) != mm) gone.put(pasid, new Gone(mm.name(), w.step()));
            });
            now.keySet().forEach(gone::remove);
            bound.put(dev, now);
        }
    }

    @Override
    public void onDma(World w, DmaObservation dma, Consumer<Violation> sink) {
        if (dma.pasid() == null || !(dma.result() instanceof DmaResult.Ok ok)) return;
        // Built only for a report: every successful DMA passes here.
        java.util.function.Supplier<String> head = () -> dma.device().name() + " (SID " + HwText.hex(ok.transaction().sid()) + ") PASID " + HwText.hex(dma.pasid())
                + ": DMA " + HwText.access(dma.write()) + " at " + HwText.hex(dma.va()) + " succeeded with pa " + HwText.hex(ok.pa())
                + " (" + ok.route() + ")";
        Mm mm = CpuWalk.boundMm(dma.device(), dma.pasid());
        if (mm != null && (mm.exited() || mm.freed())) {
            sink.accept(Violation.ofState(ID, head.get() + " after " + mm.name() + " exited: expected a fault once exit returned"));
            return;
        }
        Gone g = unbound.getOrDefault(dma.device(), Map.of()).get(dma.pasid());
        if (mm == null && g != null) {
            sink.accept(Violation.ofState(ID, head.get() + " after " + g.mm() + " was unbound"
                    + (g.step() > 0 ? " (step " + g.step() + ")" : "") + ": expected a fault once unbind returned"));
        }
    }
}
