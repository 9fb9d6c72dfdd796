package org.smmubench.hw;

import java.util.Optional;
import org.smmubench.hw.DmaResult.Abort;
import org.smmubench.hw.DmaResult.Ok;
import org.smmubench.hw.DmaResult.Route;
import org.smmubench.hw.field.Cd;
import org.smmubench.hw.field.EventType;
import org.smmubench.hw.field.Evt;
import org.smmubench.hw.field.Regs.Cr0;
import org.smmubench.hw.field.Regs.Cr2;
import org.smmubench.hw.field.Regs.Gbpa;
import org.smmubench.hw.field.Regs.Idr5;
import org.smmubench.hw.field.Ste;

/**
 * Translates one transaction (smmuv3-arch §6): SMMUEN/GBPA, STE, config dispatch, substream
 * selection, CD, TLB, stage-1 walk; for ATS endpoints through and into the endpoint's ATC.
 * Config errors are always recorded; translation faults (0x10-0x13) only when CD.R=1;
 * abort-config STEs and GBPA aborts record nothing.
 */
final class Translator {
    private final Smmu smmu;
    private final PhysMemory mem;
    private final ConfigFetcher fetcher;
    private final Tlb tlb;
    private final EventWriter events;

    /** What has been used so far for the transaction in flight. */
    private static final class Used {
        boolean steFromCache;
        boolean cdFromCache;
        boolean tlbHit;
        boolean atcHit;
        ConfigEntry ste;
        ConfigEntry cd;
        TlbEntry tlb;
        AtcEntry atc;

        Provenance freeze() {
            return new Provenance(steFromCache, cdFromCache, tlbHit, atcHit, ste, cd, tlb, atc);
        }
    }

    Translator(Smmu smmu, PhysMemory mem, ConfigFetcher fetcher, Tlb tlb, EventWriter events) {
        this.smmu = smmu;
        this.mem = mem;
        this.fetcher = fetcher;
        this.tlb = tlb;
        this.events = events;
    }

    DmaResult translate(Transaction t) {
        Used used = new Used();
        boolean ats = t.ats() && smmu.config().ats();
        if (ats) {
            Optional<AtcEntry> hit = smmu.atcFor(t.sid()).lookup(t.ssv(), t.ssid().orElse(0), t.va());
            if (hit.isPresent() && (hit.get().writable() || !t.write())) {
                used.atcHit = true;
                used.atc = hit.get();
                long pa = hit.get().pa() + (t.va() & (AtcEntry.PAGE - 1));
                return new Ok(t, pa, Route.ATC, used.freeze());
            }
        }
        if (!Cr0.SMMUEN.isSet(smmu.cr0())) {
            return Gbpa.ABORT.isSet(smmu.gbpa())
                    ? new Abort(t, null, false, "SMMUEN=0 and GBPA.ABORT=1", used.freeze())
                    : new Ok(t, t.va(), Route.GBPA_BYPASS, used.freeze());
        }

        ConfigFetcher.SteFound sf = fetcher.ste(t.sid(), true);
        used.steFromCache = sf.fromCache();
        used.ste = sf.entry();
        SteView ste = sf.ste();
        if (!ste.reachable()) {
            boolean record = ste.fault() != EventType.C_BAD_STREAMID || Cr2.RECINVSID.isSet(smmu.cr2());
            return abort(t, ste.fault(), record, ste.reason(), Evt.CLASS_CD, ste.address(), used);
        }
        if (ste.fault() != null) {
            return abort(t, ste.fault(), true, ste.reason(), Evt.CLASS_CD, 0, used);
        }
        if (ste.isAbort()) {
            return new Abort(t, null, false, "STE Config=abort", used.freeze());
        }
        if (ats && ste.eats() == Ste.EATS_ABT) {
            return abort(t, EventType.F_BAD_ATS_TREQ, true, "ATS translation request with STE.EATS=0", Evt.CLASS_IN, 0, used);
        }
        if (ste.isBypass()) {
            if (t.ssv()) {
                return abort(t, EventType.C_BAD_SUBSTREAMID, true, "SubstreamID on a bypass STE", Evt.CLASS_CD, 0, used);
            }
            return ok(t, t.va(), Route.STE_BYPASS, true, ats, used);
        }

        Substream sub = Substream.select(ste, t.ssid());
        if (sub instanceof Substream.Reject r) {
            return abort(t, r.event(), true, r.reason(), Evt.CLASS_CD, 0, used);
        }
        if (sub instanceof Substream.Bypass) {
            return ok(t, t.va(), Route.S1DSS_BYPASS, true, ats, used);
        }
        int cdIndex = ((Substream.UseCd) sub).cdIndex();
        ConfigFetcher.CdFound cf = fetcher.cd(ste, t.ssid().orElse(0), cdIndex, true);
        used.cdFromCache = cf.fromCache();
        used.cd = cf.entry();
        CdView cd = cf.cd();
        if (!cd.reachable()) {
            return abort(t, cd.fault(), true, cd.reason(), Evt.CLASS_CD, cd.address(), used);
        }
        if (cd.fault() != null) {
            return abort(t, cd.fault(), true, cd.reason(), Evt.CLASS_CD, 0, used);
        }
        return stage1(t, ste, cd.dwords(), ats, used);
    }

    private DmaResult stage1(Transaction t, SteView ste, long[] cd, boolean ats, Used used) {
        boolean rec = Cd.R.isSet(cd);
        int world = ste.strw();
        int vmid = world == Ste.STRW_NSEL1 ? ste.vmid() : 0;
        int asid = (int) (Cd.ASID.get(cd) & (smmu.config().asid16() ? 0xffff : 0xff));
        int t0sz = (int) Cd.T0SZ.get(cd);
        int ips = Math.min(Idr5.OAS_BITS[(int) Cd.IPS.get(cd)], smmu.config().oasBits());

        // Region selection: TBI0 ignores the top byte; addresses that are not all zeros above
        // the TTB0 region are either in the TTB1 half (not modelled: Linux sets EPD1) or invalid.
        long va = t.va();
        long checked = Cd.TBI0.isSet(cd) ? (va << 8) >> 8 : va;
        int inputBits = 64 - (Cd.EPD0.isSet(cd) ? Checks.T0SZ_MIN_4K : t0sz);
        if (inputBits < 64 && (checked >>> inputBits) != 0) {
            return abort(t, EventType.F_TRANSLATION, rec, "address outside the TTB0 region (TTB1 half is not walked)",
                    Evt.CLASS_IN, 0, used);
        }
        long lookupVa = checked;

        Optional<TlbEntry> hit = tlb.lookup(world, vmid, asid, lookupVa);
        if (hit.isPresent()) {
            TlbEntry e = hit.get();
            used.tlbHit = true;
            used.tlb = e;
            String denied = Permissions.check(t, e.readOnly(), e.el0(), e.uxn(), e.pxn(), Cd.PAN.isSet(cd), Cd.WXN.isSet(cd));
            if (denied != null) {
                return abort(t, EventType.F_PERMISSION, rec, denied, Evt.CLASS_IN, 0, used);
            }
            return ok(t, e.translate(lookupVa), Route.TRANSLATED, !e.readOnly(), ats, used);
        }
        if (Cd.EPD0.isSet(cd)) {
            return abort(t, EventType.F_TRANSLATION, rec, "EPD0=1: TTB0 walks disabled", Evt.CLASS_IN, 0, used);
        }
        Walker.Result w = Walker.walk(mem, Cd.TTB0.getAddress(cd), t0sz, ips, lookupVa);
        if (w instanceof Walker.Fault f) {
            boolean record = f.event().isTranslationFault() ? rec : true;
            return abort(t, f.event(), record, f.reason(), Evt.CLASS_TT, f.fetchAddress(), used);
        }
        Walker.Leaf leaf = (Walker.Leaf) w;
        if (!leaf.af() && !Cd.AFFD.isSet(cd)) {
            return abort(t, EventType.F_ACCESS, rec, "access flag clear (AF=0, AFFD=0, no HTTU)", Evt.CLASS_IN, 0, used);
        }
        String denied = Permissions.check(t, leaf.readOnly(), leaf.el0(), leaf.uxn(), leaf.pxn(), Cd.PAN.isSet(cd), Cd.WXN.isSet(cd));
        if (denied != null) {
            return abort(t, EventType.F_PERMISSION, rec, denied, Evt.CLASS_IN, 0, used);
        }
        TlbEntry e = new TlbEntry(world, vmid, asid, leaf.global(), leaf.va(), leaf.size(), leaf.pa(), leaf.level(),
                leaf.readOnly(), leaf.el0(), leaf.uxn(), leaf.pxn(), false, smmu.sequence());
        tlb.fill(e);
        used.tlb = e;
        return ok(t, e.translate(lookupVa), Route.TRANSLATED, !leaf.readOnly(), ats, used);
    }

    private DmaResult ok(Transaction t, long pa, Route route, boolean writable, boolean ats, Used used) {
        if (ats) {
            long page = AtcEntry.PAGE - 1;
            AtcEntry a = new AtcEntry(t.sid(), t.ssv(), t.ssid().orElse(0), t.va() & ~page, pa & ~page, writable,
                    false, smmu.sequence());
            smmu.atcFor(t.sid()).fill(a);
            used.atc = a;
        }
        return new Ok(t, pa, route, used.freeze());
    }

    private DmaResult abort(Transaction t, EventType type, boolean record, String reason, int eventClass,
                            long address, Used used) {
        if (record) {
            events.record(type, t, eventClass, address);
        }
        return new Abort(t, type, record, reason, used.freeze());
    }
}
