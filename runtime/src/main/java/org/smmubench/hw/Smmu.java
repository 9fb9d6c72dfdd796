package org.smmubench.hw;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.smmubench.hw.field.Cmd;
import org.smmubench.hw.field.EventType;
import org.smmubench.hw.field.Evt;
import org.smmubench.hw.field.Regs;
import org.smmubench.hw.field.Regs.Cr0;
import org.smmubench.hw.field.Regs.Gbpa;
import org.smmubench.hw.field.Regs.Gerror;
import org.smmubench.hw.field.Regs.IrqCtrl;
import org.smmubench.hw.field.Regs.QPtr;

/**
 * The modelled SMMUv3. It sees only simulated memory, its registers and the commands the
 * driver queues; it never looks at driver objects. Register writes take effect immediately
 * (CR0ACK mirrors CR0 at once) and writing CMDQ_PROD consumes commands synchronously.
 */
public final class Smmu {
    private final HwConfig cfg;
    private final PhysMemory mem;
    private final IdRegisters idr;

    private int cr0;
    private int cr1;
    private int cr2;
    private int gbpa = (int) Gbpa.SHCFG.maskedValue(1); // reset: use incoming shareability
    private int irqCtrl;
    private int gerror;
    private int gerrorn;
    private long gerrorIrqCfg0;
    private int gerrorIrqCfg1;
    private int gerrorIrqCfg2;
    private long evtqIrqCfg0;
    private int evtqIrqCfg1;
    private int evtqIrqCfg2;
    private long priqIrqCfg0;
    private int priqIrqCfg1;
    private int priqIrqCfg2;
    private long strtabBase;
    private int strtabBaseCfg;
    final Queue cmdq = new Queue(Cmd.BYTES, IdRegisters.QUEUE_SHIFT);
    final Queue evtq = new Queue(Evt.BYTES, IdRegisters.QUEUE_SHIFT);
    final Queue priq = new Queue(16, IdRegisters.QUEUE_SHIFT);

    private final ConfigCache configCache = new ConfigCache();
    private final Tlb tlb = new Tlb();
    private final TreeMap<Integer, Atc> atcs = new TreeMap<>();
    private final List<CommandListener> commandListeners = new ArrayList<>();
    /** The listeners as an array, rebuilt on add and remove: each command notifies the set it found, without a copy per command. */
    private CommandListener[] commandListenerSnapshot = new CommandListener[0];
    private final ConfigFetcher fetcher;
    private final EventWriter events;
    private final Translator translator;
    private final CommandProcessor commands;
    private long sequence;
    private long syncCount;

    public Smmu(HwConfig cfg, PhysMemory mem) {
        this.cfg = cfg;
        this.mem = mem;
        this.idr = IdRegisters.from(cfg);
        this.fetcher = new ConfigFetcher(this, mem, configCache);
        this.events = new EventWriter(this, mem);
        this.translator = new Translator(this, mem, fetcher, tlb, events);
        this.commands = new CommandProcessor(this, mem, configCache, tlb, fetcher);
    }

    // ---------------------------------------------------------------- transactions and views

    /** Translates one transaction (and, for an ATS endpoint, goes through and fills its ATC). */
    public DmaResult dma(Transaction t) {
        nextSequence();
        return translator.translate(t);
    }

    /** Events recorded since the previous drain, decoded, oldest first. */
    public List<Event> drainEvents() {
        return events.drain();
    }

    /** Every event recorded since reset, oldest first (not affected by draining). */
    public List<Event> eventLog() {
        return events.all();
    }

    public ConfigCache configCache() {
        return configCache;
    }

    public Tlb tlb() {
        return tlb;
    }

    /** The ATC of the ATS endpoint with this StreamID (empty until it translates with ATS). */
    public Atc atc(int sid) {
        return atcFor(sid);
    }

    /** ATCs of all endpoints that have one, by StreamID. */
    public Collection<Atc> atcs() {
        return List.copyOf(atcs.values());
    }

    public void addCommandListener(CommandListener l) {
        commandListeners.add(l);
        commandListenerSnapshot = commandListeners.toArray(new CommandListener[0]);
    }

    public void removeCommandListener(CommandListener l) {
        commandListeners.remove(l);
        commandListenerSnapshot = commandListeners.toArray(new CommandListener[0]);
    }

    /** The STE for {@code sid} as memory holds it now, bypassing and not filling the caches. */
    public SteView readSteFromMemory(int sid) {
        return fetcher.ste(sid, false).ste();
    }

    /**
     * The CD a transaction with (sid, ssid) would use according to memory now, bypassing and
     * not filling the caches. {@code ssid} &lt; 0 means "no SubstreamID". When the STE is not a
     * usable stage-1 STE, or the substream rules reject the SSID, the view is unreachable and
     * its fault says why.
     */
    public CdView readCdFromMemory(int sid, int ssid) {
        SteView ste = readSteFromMemory(sid);
        if (!ste.usable()) {
            return new CdView(sid, ssid, -1, null, ste.fault(), "STE: " + ste.reason());
        }
        if (!ste.isS1()) {
            return new CdView(sid, ssid, -1, null, null, "STE is not a stage-1 STE (Config=" + ste.config() + ")");
        }
        OptionalInt s = ssid < 0 ? OptionalInt.empty() : OptionalInt.of(ssid);
        Substream sub = Substream.select(ste, s);
        if (sub instanceof Substream.Reject r) {
            return new CdView(sid, ssid, -1, null, r.event(), r.reason());
        }
        if (sub instanceof Substream.Bypass) {
            return new CdView(sid, ssid, -1, null, null, "S1DSS=bypass: no CD used");
        }
        return fetcher.cd(ste, Math.max(ssid, 0), ((Substream.UseCd) sub).cdIndex(), false).cd();
    }

    /** What this SMMU makes of a CD holding {@code dwords}, wherever it lives (no fetch, no cache). */
    public CdView decodeCd(long[] dwords) {
        String problem = Checks.cdProblem(dwords, config());
        return new CdView(-1, -1, -1, dwords.clone(), problem == null ? null : EventType.C_BAD_CD, problem);
    }

    /** A counter advanced by every transaction and every consumed command; cache entries record it. */
    public long sequence() {
        return sequence;
    }

    /** Number of CMD_SYNCs completed since reset. */
    public long syncCount() {
        return syncCount;
    }

    /** CMDQ_CONS.ERR: the CERROR code of the last command error. */
    public int cmdqError() {
        return (int) QPtr.ERR.extract(cmdq.cons & 0xffff_ffffL);
    }

    /** GERROR bits currently active (GERROR xor GERRORN). */
    public int activeGlobalErrors() {
        return (gerror ^ gerrorn) & Gerror.ERR_MASK;
    }

    public HwConfig config() {
        return cfg;
    }

    public PhysMemory memory() {
        return mem;
    }

    // ---------------------------------------------------------------- registers

    public int readReg32(int offset) {
        int off = pageZero(offset);
        if (Regs.is64(off)) {
            return (int) readReg64(off);
        }
        if (Regs.is64(off - 4)) {
            return (int) (readReg64(off - 4) >>> 32);
        }
        return switch (off) {
            case Regs.IDR0 -> idr.idr0();
            case Regs.IDR1 -> idr.idr1();
            case Regs.IDR3 -> idr.idr3();
            case Regs.IDR5 -> idr.idr5();
            case Regs.IDR2, Regs.IDR4, Regs.IIDR, Regs.STATUSR -> 0;
            case Regs.AIDR -> 1; // SMMUv3.1
            case Regs.CR0, Regs.CR0ACK -> cr0;
            case Regs.CR1 -> cr1;
            case Regs.CR2 -> cr2;
            case Regs.GBPA -> gbpa;
            case Regs.IRQ_CTRL, Regs.IRQ_CTRLACK -> irqCtrl;
            case Regs.GERROR -> gerror;
            case Regs.GERRORN -> gerrorn;
            case Regs.GERROR_IRQ_CFG1 -> gerrorIrqCfg1;
            case Regs.GERROR_IRQ_CFG2 -> gerrorIrqCfg2;
            case Regs.STRTAB_BASE_CFG -> strtabBaseCfg;
            case Regs.CMDQ_PROD -> cmdq.prod;
            case Regs.CMDQ_CONS -> cmdq.cons;
            case Regs.EVTQ_PROD & 0xFFFF -> evtq.prod;
            case Regs.EVTQ_CONS & 0xFFFF -> evtq.cons;
            case Regs.EVTQ_IRQ_CFG1 -> evtqIrqCfg1;
            case Regs.EVTQ_IRQ_CFG2 -> evtqIrqCfg2;
            case Regs.PRIQ_PROD & 0xFFFF -> priq.prod;
            case Regs.PRIQ_CONS & 0xFFFF -> priq.cons;
            case Regs.PRIQ_IRQ_CFG1 -> priqIrqCfg1;
            case Regs.PRIQ_IRQ_CFG2 -> priqIrqCfg2;
            default -> throw new IllegalArgumentException(String.format("no SMMU register at 0x%x", offset));
        };
    }

    public long readReg64(int offset) {
        int off = pageZero(offset);
        return switch (off) {
            case Regs.STRTAB_BASE -> strtabBase;
            case Regs.CMDQ_BASE -> cmdq.base;
            case Regs.EVTQ_BASE -> evtq.base;
            case Regs.PRIQ_BASE -> priq.base;
            case Regs.GERROR_IRQ_CFG0 -> gerrorIrqCfg0;
            case Regs.EVTQ_IRQ_CFG0 -> evtqIrqCfg0;
            case Regs.PRIQ_IRQ_CFG0 -> priqIrqCfg0;
            default -> {
                if (Regs.is64(off)) {
                    throw new AssertionError(off);
                }
                yield readReg32(offset) & 0xffff_ffffL;
            }
        };
    }

    public void writeReg32(int offset, int v) {
        int off = pageZero(offset);
        if (Regs.is64(off)) {
            long old = readReg64(off);
            writeReg64(off, (old & 0xffff_ffff_0000_0000L) | (v & 0xffff_ffffL));
            return;
        }
        if (Regs.is64(off - 4)) {
            long old = readReg64(off - 4);
            writeReg64(off - 4, (old & 0xffff_ffffL) | ((long) v << 32));
            return;
        }
        switch (off) {
            case Regs.CR0 -> writeCr0(v);
            case Regs.CR1 -> cr1 = v;
            case Regs.CR2 -> cr2 = v;
            case Regs.GBPA -> {
                // Only a write with UPDATE=1 changes the attributes; UPDATE reads back as 0 at once.
                if (Gbpa.UPDATE.isSet(v & 0xffff_ffffL)) {
                    gbpa = (int) Gbpa.UPDATE.insert(v & 0xffff_ffffL, 0);
                }
            }
            case Regs.IRQ_CTRL -> irqCtrl = (int) (v & IrqCtrl.EVTQ_IRQEN.mask() | v & IrqCtrl.PRIQ_IRQEN.mask()
                    | v & IrqCtrl.GERROR_IRQEN.mask());
            case Regs.GERRORN -> gerrorn = v & Gerror.ERR_MASK;
            case Regs.GERROR_IRQ_CFG1 -> gerrorIrqCfg1 = v;
            case Regs.GERROR_IRQ_CFG2 -> gerrorIrqCfg2 = v;
            case Regs.STRTAB_BASE_CFG -> strtabBaseCfg = v;
            case Regs.CMDQ_PROD -> {
                cmdq.prod = v;
                consumeCommands();
            }
            case Regs.CMDQ_CONS -> {
                // SMMU-owned; software may only set it while the queue is disabled.
                if (!Cr0.CMDQEN.isSet(cr0)) {
                    cmdq.cons = v;
                }
            }
            case Regs.EVTQ_PROD & 0xFFFF -> {
                if (!Cr0.EVTQEN.isSet(cr0)) {
                    evtq.prod = v;
                }
            }
            case Regs.EVTQ_CONS & 0xFFFF -> evtq.cons = v;
            case Regs.EVTQ_IRQ_CFG1 -> evtqIrqCfg1 = v;
            case Regs.EVTQ_IRQ_CFG2 -> evtqIrqCfg2 = v;
            case Regs.PRIQ_PROD & 0xFFFF -> {
                if (!Cr0.PRIQEN.isSet(cr0)) {
                    priq.prod = v;
                }
            }
            case Regs.PRIQ_CONS & 0xFFFF -> priq.cons = v;
            case Regs.PRIQ_IRQ_CFG1 -> priqIrqCfg1 = v;
            case Regs.PRIQ_IRQ_CFG2 -> priqIrqCfg2 = v;
            case Regs.IDR0, Regs.IDR1, Regs.IDR2, Regs.IDR3, Regs.IDR4, Regs.IDR5, Regs.IIDR, Regs.AIDR,
                    Regs.CR0ACK, Regs.IRQ_CTRLACK, Regs.GERROR, Regs.STATUSR -> {
                // read-only: writes ignored, as on hardware
            }
            default -> throw new IllegalArgumentException(String.format("no SMMU register at 0x%x", offset));
        }
    }

    public void writeReg64(int offset, long v) {
        int off = pageZero(offset);
        switch (off) {
            case Regs.STRTAB_BASE -> strtabBase = v;
            case Regs.CMDQ_BASE -> cmdq.base = v;
            case Regs.EVTQ_BASE -> evtq.base = v;
            case Regs.PRIQ_BASE -> priq.base = v;
            case Regs.GERROR_IRQ_CFG0 -> gerrorIrqCfg0 = v;
            case Regs.EVTQ_IRQ_CFG0 -> evtqIrqCfg0 = v;
            case Regs.PRIQ_IRQ_CFG0 -> priqIrqCfg0 = v;
            default -> {
                // A 64-bit write to two adjacent 32-bit registers, low one first.
                writeReg32(offset, (int) v);
                writeReg32(offset + 4, (int) (v >>> 32));
            }
        }
    }

    private void writeCr0(int v) {
        boolean cmdqWasOn = Cr0.CMDQEN.isSet(cr0);
        cr0 = v;
        if (!cmdqWasOn && Cr0.CMDQEN.isSet(cr0)) {
            consumeCommands();
        }
    }

    /** Page-1 queue pointer registers are also reachable at their page-0 alias, as QEMU allows. */
    private static int pageZero(int offset) {
        return offset & ~Regs.PAGE1;
    }

    // ---------------------------------------------------------------- state for the other parts

    int cr0() {
        return cr0;
    }

    int cr2() {
        return cr2;
    }

    int gbpa() {
        return gbpa;
    }

    long strtabBase() {
        return strtabBase;
    }

    int strtabBaseCfg() {
        return strtabBaseCfg;
    }

    /** Raise a global error by toggling its GERROR bit (active while GERROR != GERRORN). */
    void raiseGlobalError(org.smmubench.hw.field.Field bit) {
        if (bit.extract(gerror) == bit.extract(gerrorn)) {
            gerror ^= (int) bit.mask();
        }
    }

    boolean globalErrorActive(org.smmubench.hw.field.Field bit) {
        return bit.extract(gerror) != bit.extract(gerrorn);
    }

    void consumeCommands() {
        commands.consume();
    }

    long nextSequence() {
        return ++sequence;
    }

    Atc atcFor(int sid) {
        return atcs.computeIfAbsent(sid, Atc::new);
    }

    void notifyCommand(Command c) {
        for (CommandListener l : commandListenerSnapshot) {
            l.onCommand(c);
        }
    }

    void notifySync(Command c) {
        syncCount++;
        for (CommandListener l : commandListenerSnapshot) {
            l.onSyncComplete(c);
        }
    }
}
