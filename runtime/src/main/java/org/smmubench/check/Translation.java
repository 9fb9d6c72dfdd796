package org.smmubench.check;

import org.smmubench.kernel.Violation;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.smmubench.hw.DmaResult;
import org.smmubench.iommu.IommuDomainType;
import org.smmubench.iommu.IommuGroup;
import org.smmubench.mm.Mm;

/**
 * translation. A DMA that succeeds produced exactly what the
 * bound mm's page tables say: the mm of the SVA domain at pasid_array[p] of the device's
 * group, its page present, the access allowed (no write to a read-only page) and the output
 * address equal to the CPU's. Without a PASID the RID domain is used: a DMA domain, whose
 * tables the model keeps empty, so any success there is wrong; or an IDENTITY domain (bypass
 * STE), where the output address must equal the input address.
 */
public final class Translation implements Invariant {
    public static final String ID = "translation";

    @Override
    public String id() { return ID; }

    @Override
    public void onDma(World w, DmaObservation dma, Consumer<Violation> sink) {
        if (!(dma.result() instanceof DmaResult.Ok ok)) return;
        // Built only for a report: every successful DMA passes here.
        java.util.function.Supplier<String> head = () -> dma.device().name() + " (SID " + HwText.hex(ok.transaction().sid()) + ") " + HwText.pasid(dma.pasid())
                + ": DMA " + HwText.access(dma.write()) + " at " + HwText.hex(dma.va()) + " succeeded with pa " + HwText.hex(ok.pa())
                + " (" + ok.route() + ")";
        IommuGroup group = dma.device().group;
        if (dma.pasid() == null && group != null && group.domain != null && group.domain.type == IommuDomainType.IDENTITY) {
            if (ok.pa() != dma.va()) report(sink, head.get() + " but the RID domain is IDENTITY: expected pa " + HwText.hex(dma.va()));
            return;
        }
        String dead = CpuWalk.notLive(dma.device(), dma.pasid());
        if (dead != null) {
            report(sink, head.get() + " but " + dead + ": expected a fault");
            return;
        }
        Mm mm = CpuWalk.boundMm(dma.device(), dma.pasid());
        // Racing a munmap that has not finished its flush, the old translation is still allowed.
        if (mm.unmapInFlight(dma.va())) return;
        Optional<CpuWalk.Page> page = CpuWalk.walk(mm, dma.va());
        if (page.isEmpty()) {
            report(sink, head.get() + " but " + HwText.hex(dma.va()) + " is unmapped in " + mm.name() + ": expected F_TRANSLATION");
        } else if (page.get().pa() != ok.pa()) {
            report(sink, head.get() + ": expected pa " + HwText.hex(page.get().pa()) + " from " + mm.name() + "'s page tables, found "
                    + HwText.hex(ok.pa()));
        } else if (dma.write() && !page.get().writable()) {
            report(sink, head.get() + " but the page is read-only in " + mm.name() + ": expected F_PERMISSION");
        }
    }

    private static void report(Consumer<Violation> sink, String msg) {
        sink.accept(new Violation(ID, msg, List.of(), List.of(), ""));
    }
}
