package org.smmubench.check;

import org.smmubench.kernel.Violation;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.smmubench.driver.ArmSmmuStream;
import org.smmubench.driver.CtxDesc;
import org.smmubench.hw.Atc;
import org.smmubench.hw.AtcEntry;
import org.smmubench.hw.DmaResult;
import org.smmubench.hw.Provenance;
import org.smmubench.hw.TlbEntry;
import org.smmubench.mm.Mm;

/**
 * stale-tlb. When a step ends every SMMU TLB entry agrees
 * with a fresh walk of the page tables its ASID names now (the shared context owning that
 * ASID in arm_smmu_asid_xa: its mm; a private DMA-domain ASID names empty tables, and an
 * ASID naming nothing makes any entry stale), and every endpoint ATC entry agrees with the
 * mm bound at its (SID, PASID). A DMA served from such a stale entry is reported at once,
 * unless it races a munmap of that address whose flush has not completed yet.
 */
public final class StaleTlb implements Invariant {
    public static final String ID = "stale-tlb";

    @Override
    public String id() { return ID; }

    @Override
    public void afterStep(World w, Consumer<Violation> sink) {
        for (TlbEntry e : w.hw.tlb().entries()) {
            String why = tlbStale(w, e);
            if (why != null) sink.accept(Violation.ofState(ID, "TLB entry " + tlb(e) + " is stale when the step ends: " + why));
        }
        for (Atc atc : w.hw.atcs()) {
            for (AtcEntry e : atc.entries()) {
                String why = atcStale(w, e);
                if (why != null) sink.accept(Violation.ofState(ID, "ATC entry of " + HwText.stream(w, e.sid()) + " " + atc(e)
                        + " is stale when the step ends: " + why));
            }
        }
    }

    @Override
    public void onDma(World w, DmaObservation dma, Consumer<Violation> sink) {
        if (!(dma.result() instanceof DmaResult.Ok ok)) return;
        // Racing a munmap whose flush has not completed, a cached old translation is still allowed;
        // what that flush leaves behind is judged when the step ends.
        Mm bound = dma.pasid() == null ? null : CpuWalk.boundMm(dma.device(), dma.pasid());
        if (bound != null && bound.unmapInFlight(dma.va())) return;
        Provenance from = ok.from();
        // Built only for a report: every successful DMA passes here.
        java.util.function.Supplier<String> head = () -> dma.device().name() + " (SID " + HwText.hex(ok.transaction().sid()) + ") " + HwText.pasid(dma.pasid())
                + ": DMA " + HwText.access(dma.write()) + " at " + HwText.hex(dma.va()) + " got pa " + HwText.hex(ok.pa()) + " from a stale ";
        if (from.atcHit() && from.atc() != null) {
            String why = atcStale(w, from.atc());
            if (why != null) sink.accept(new Violation(ID, head.get() + "ATC entry " + atc(from.atc()) + ": " + why, List.of(), List.of(), ""));
        } else if (from.tlbHit() && from.tlb() != null) {
            String why = tlbStale(w, from.tlb());
            if (why != null) sink.accept(new Violation(ID, head.get() + "TLB entry " + tlb(from.tlb()) + ": " + why, List.of(), List.of(), ""));
        }
    }

    /** Null when the entry matches the tables its ASID names now; else why it is stale (also for {@code show caches}). */
    public static String tlbStale(World w, TlbEntry e) {
        if (e.global()) return "a global entry, but Linux maps only non-global user pages";
        CtxDesc ctx = w.driver.asidXa.load(e.asid());
        if (ctx == null) return "ASID " + e.asid() + " names no context any more (expected no entries: TLBI by ASID before release)";
        Mm mm = SvaState.asidMm(ctx);
        if (mm == null) return "ASID " + e.asid() + " is a DMA domain's private ASID, whose page tables map nothing";
        return mismatch(mm, e.va(), e.pa(), !e.readOnly());
    }

    /** Null when the ATC entry matches the mm bound at its (SID, PASID); else why it is stale. */
    public static String atcStale(World w, AtcEntry e) {
        if (!e.ssv()) return "no PASID: the RID DMA domain maps nothing";
        ArmSmmuStream s = w.driver.smmu.streams.get(e.sid());
        if (s == null) return "SID " + HwText.hex(e.sid()) + " belongs to no probed device";
        Mm mm = CpuWalk.boundMm(s.master().dev, e.ssid());
        if (mm == null) return "PASID " + HwText.hex(e.ssid()) + " is not bound";
        return mismatch(mm, e.va(), e.pa(), e.writable());
    }

    /** Checks the entry's first page against the mm (user mappings are 4 KiB pages). */
    private static String mismatch(Mm mm, long va, long pa, boolean writable) {
        Optional<CpuWalk.Page> page = CpuWalk.walk(mm, va);
        if (page.isEmpty()) {
            return HwText.hex(va) + " is " + (mm.exited() || mm.freed() ? "gone with exited " + mm.name() : "unmapped in " + mm.name())
                    + ": expected no entry, found pa " + HwText.hex(pa);
        }
        if (page.get().pa() != pa) return "expected pa " + HwText.hex(page.get().pa()) + " (" + mm.name() + "), found " + HwText.hex(pa);
        if (writable && !page.get().writable()) return "expected read-only (" + mm.name() + "), found writable";
        return null;
    }

    private static String tlb(TlbEntry e) {
        return "(ASID " + e.asid() + ", va " + HwText.hex(e.va()) + " -> pa " + HwText.hex(e.pa()) + (e.readOnly() ? ", ro" : ", rw") + ")";
    }

    private static String atc(AtcEntry e) {
        return "(PASID " + (e.ssv() ? HwText.hex(e.ssid()) : "none") + ", va " + HwText.hex(e.va()) + " -> pa " + HwText.hex(e.pa())
                + (e.writable() ? ", rw" : ", ro") + ")";
    }
}
