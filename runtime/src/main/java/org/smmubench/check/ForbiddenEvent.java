package org.smmubench.check;

import org.smmubench.kernel.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuStream;
import org.smmubench.hw.Command;
import org.smmubench.hw.CommandListener;
import org.smmubench.hw.Event;
import org.smmubench.hw.field.Pte;
import org.smmubench.hw.field.Regs.Gerror;
import org.smmubench.hw.field.Regs.QPtr;
import org.smmubench.mm.Mm;
import org.smmubench.mm.Prot;
import org.smmubench.mm.MmWorld;

/**
 * forbidden-event: no event a correct run never produces, and no
 * global error. Allowed are only C_BAD_STREAMID for SIDs nobody probed, C_BAD_STE for
 * unattached masters, C_BAD_SUBSTREAMID/C_BAD_CD for a PASID that is not bound now, and
 * F_TRANSLATION/F_PERMISSION/F_ACCESS for an address the bound (live) mm really leaves
 * unmapped or forbids (without a PASID: F_TRANSLATION from the empty RID DMA domain). Events
 * are judged right after the DMA that raised them, against the state at that moment.
 */
public final class ForbiddenEvent implements Invariant {
    public static final String ID = "forbidden-event";

    private int seen;

    @Override
    public String id() { return ID; }

    @Override
    public void attach(World w, Consumer<Violation> sink) {
        w.hw.addCommandListener(new CommandListener() {
            @Override
            public void onCommand(Command c) {
                if (c.error() == QPtr.CERROR_NONE) return;
                sink.accept(new Violation(ID, "command queue error " + cerror(c.error()) + " on " + c
                        + " (slot " + c.slot() + "): GERROR.CMDQ_ERR raised; a correct driver queues only commands the SMMU implements",
                        w.kernel.backtrace(), w.kernel.heldLockNames(), ""));
            }
        });
    }

    @Override
    public void onDma(World w, DmaObservation dma, Consumer<Violation> sink) { sweep(w, sink); }

    @Override
    public void afterStep(World w, Consumer<Violation> sink) {
        sweep(w, sink);
        int active = w.hw.activeGlobalErrors();
        if (active != 0) {
            List<String> bits = new ArrayList<>();
            for (var f : Gerror.FIELDS) if (f.extract(active) != 0) bits.add(f.name());
            sink.accept(Violation.ofState(ID, "global errors active when the step ends (GERROR != GERRORN): " + String.join(", ", bits)));
        }
    }

    @Override
    public void atTeardown(World w, Consumer<Violation> sink) { afterStep(w, sink); }

    private void sweep(World w, Consumer<Violation> sink) {
        List<Event> log = w.hw.eventLog();
        for (; seen < log.size(); seen++) {
            Event e = log.get(seen);
            String why = forbidden(w, e);
            if (why != null) {
                sink.accept(Violation.ofState(ID, (e.type() == null ? "event " + HwText.hex(e.eventId()) : e.type().name()) + " for "
                        + HwText.stream(w, e.sid()) + " " + (e.ssv() ? "PASID " + HwText.hex(e.ssid()) : "no PASID") + " "
                        + (e.read() ? "read" : "write") + " at " + HwText.hex(e.inputAddress()) + ": " + why));
            }
        }
    }

    /** Null when a correct run may record this event, else why not. */
    private static String forbidden(World w, Event e) {
        if (e.type() == null) return "an event type the model should never record";
        ArmSmmuStream stream = w.driver.smmu.streams.get(e.sid());
        ArmSmmuMaster m = stream == null ? null : stream.master();
        boolean attached = m != null && m.domain != null;
        return switch (e.type()) {
            case C_BAD_STREAMID -> m != null ? "the SID is probed, so its STE must be reachable" : null;
            case C_BAD_STE -> attached ? "the master is attached to a domain, so its STE must be well formed" : null;
            case C_BAD_SUBSTREAMID, C_BAD_CD -> {
                if (!e.ssv()) yield attached ? "traffic without a PASID uses CD 0 of the attached DMA domain, which must be valid" : null;
                Mm mm = m == null ? null : CpuWalk.boundMm(m.dev, e.ssid());
                yield mm != null ? "PASID " + HwText.hex(e.ssid()) + " is bound to " + mm.name() + ", so its CD must be valid and reachable" : null;
            }
            case F_TRANSLATION, F_PERMISSION, F_ACCESS -> translationFault(w, e, m);
            default -> "a correct run never produces it";
        };
    }

    private static String translationFault(World w, Event e, ArmSmmuMaster m) {
        if (!e.ssv()) {
            return switch (e.type()) {
                case F_TRANSLATION -> null; // the RID DMA domain's tables are empty
                default -> "the RID DMA domain maps nothing, so only F_TRANSLATION is possible";
            };
        }
        Mm mm = m == null ? null : CpuWalk.boundMm(m.dev, e.ssid());
        if (mm == null) return "PASID " + HwText.hex(e.ssid()) + " is not bound, yet a CD with R=1 translated it";
        if (mm.exited() || mm.freed()) return mm.name() + " has exited: its quiesced CD has R=0 and records no fault";
        long va = e.inputAddress();
        if (va >>> MmWorld.VA_BITS != 0) return e.type() == org.smmubench.hw.field.EventType.F_TRANSLATION ? null
                : "the address is outside the " + MmWorld.VA_BITS + "-bit user range";
        long d = mm.descriptor(va);
        boolean mapped = Pte.VALID.isSet(d);
        Prot prot = mm.protAt(va);
        return switch (e.type()) {
            case F_TRANSLATION -> mapped ? HwText.hex(va) + " is mapped in " + mm.name() + " (pa " + HwText.hex(Pte.OA.extractAddress(d))
                    + "): expected a translation, found F_TRANSLATION" : null;
            case F_ACCESS -> !mapped ? "the page is unmapped: expected F_TRANSLATION, found F_ACCESS"
                    : Pte.AF.isSet(d) ? "the page's access flag is set in " + mm.name() : null;
            default -> {
                if (!mapped) yield "the page is unmapped in " + mm.name() + ": expected F_TRANSLATION, found F_PERMISSION";
                boolean allowed = (e.read() || (prot != null && prot.write)) && (!e.instruction() || (prot != null && prot.exec)) && !e.privileged();
                yield allowed ? "the " + (e.read() ? "read" : "write") + " is allowed by " + mm.name() + "'s mapping (" + prot.yamlName() + ")" : null;
            }
        };
    }

    private static String cerror(int code) {
        return switch (code) {
            case QPtr.CERROR_ILL -> "CERROR_ILL";
            case QPtr.CERROR_ABT -> "CERROR_ABT";
            case QPtr.CERROR_ATC_INV_SYNC -> "CERROR_ATC_INV_SYNC";
            default -> "CERROR " + code;
        };
    }
}
