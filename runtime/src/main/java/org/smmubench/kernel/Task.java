package org.smmubench.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * A kernel task, the bench's own or one branch of a parallel section: what the kernel's debug
 * checks consult (preempt count, IRQ state, held locks) plus the modelled call stack. Every
 * task prints as pid 1 in splats for now.
 * Mutated only by {@link Kernel} and its locks; readers get copies.
 */
public final class Task {
    static final int PID = 1;
    static final String COMM = "smmu-bench";

    int preemptCount;
    boolean irqsDisabled;
    /** The innermost modelled call (it links to its callers); null outside any. */
    Frame top;
    /** The last memory fault this task took inside a kernel call, until the bench asks (Kernel.oops). */
    Kernel.MemoryAbort lastAbort;
    /** Held locks, in the order taken (lockdep's held_locks). */
    final List<HeldLock> held = new ArrayList<>();
    /** Outstanding irqsaves, in the order saved. */
    final List<IrqSave> irqSaves = new ArrayList<>();

    // The kernel's "irq event stamp" bookkeeping, printed in splats taken with IRQs off.
    long irqEventStamp;
    long lastEnabledStamp;
    String lastEnabledAt = "0x0";
    long lastDisabledStamp;
    String lastDisabledAt = "0x0";

    /** The function whose spin_lock took the preempt count off 0 (what __might_resched prints). */
    String preemptDisabledAt = "0x0";

    /** Where transitions are recorded when a report asked for them (null: nowhere). */
    KernelEventLog log;
    /** Set while this task runs in a parallel section: its line to the scheduler. */
    org.smmubench.kernel.sched.TaskContext sched;

    Task() {}

    public int pid() { return PID; }

    public String comm() { return COMM; }

    public int preemptCount() { return preemptCount; }

    public boolean irqsDisabled() { return irqsDisabled; }

    /** in_atomic(): a non-zero preempt count (a spinlock is held). */
    public boolean inAtomic() { return preemptCount != 0; }

    /** Whether a sleeping operation is illegal now (what CONFIG_DEBUG_ATOMIC_SLEEP checks). */
    public boolean atomicContext() { return preemptCount != 0 || irqsDisabled; }

    /** Held locks, outermost first. */
    public List<HeldLock> heldLocks() { return List.copyOf(held); }

    /** Modelled kernel functions, innermost first (the order of a call trace); unmodifiable. */
    public List<String> backtrace() { return Backtrace.of(top); }

    public int frameDepth() { return top == null ? 0 : top.depth() + 1; }

    /** The outermost modelled function running, or null outside any. */
    String outermost() {
        Frame f = top;
        if (f == null) return null;
        while (f.caller != null) f = f.caller;
        return f.function();
    }

    /**
     * The call number of the innermost running call of {@code function}, or -1: tells one call
     * of a function from the next (a checker groups stores by the writer call that made them).
     */
    public long innermostCall(String function) {
        for (Frame f = top; f != null; f = f.caller) if (f.function().equals(function)) return f.call;
        return -1;
    }

    public int irqSaveDepth() { return irqSaves.size(); }

    void setIrqsDisabled(boolean disabled, String at) {
        if (disabled == irqsDisabled) {
            return;
        }
        irqsDisabled = disabled;
        if (log != null) log.add(disabled ? KernelEventLog.Kind.IRQ_OFF : KernelEventLog.Kind.IRQ_ON, "irqs", at, this);
        irqEventStamp++;
        if (disabled) {
            lastDisabledStamp = irqEventStamp;
            lastDisabledAt = at;
        } else {
            lastEnabledStamp = irqEventStamp;
            lastEnabledAt = at;
        }
    }

    /** Raises (spin_lock) or lowers the preempt count, recording the 0 <-> non-zero transitions. */
    void preemptAdd(int delta) {
        int before = preemptCount;
        preemptCount += delta;
        if (log != null && (before == 0) != (preemptCount == 0)) {
            log.add(preemptCount == 0 ? KernelEventLog.Kind.PREEMPT_ON : KernelEventLog.Kind.PREEMPT_OFF,
                    "preempt_count", Integer.toString(preemptCount), this);
        }
    }

    /** Forgets every lock, irqsave and frame: after a lock-balance report, so one bug gives one report. */
    void resetContext(String at) {
        if (log != null) {
            for (HeldLock h : held) log.add(KernelEventLog.Kind.UNLOCK, h.className(), "forgotten at " + at, this);
        }
        held.clear();
        irqSaves.clear();
        preemptAdd(-preemptCount);
        setIrqsDisabled(false, at);
    }
}
