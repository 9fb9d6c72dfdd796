package org.smmubench.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Lock and IRQ-state bookkeeping of the current task, with the checks lockdep makes at each
 * acquire and release: recursion, circular dependency (lock-order), bad unlock balance and
 * irqrestore nesting (lock-balance), and the leak check when the outermost call returns.
 */
final class Locking {
    /** arm64 PSTATE.I: the bit of the saved flags that says "IRQs were masked". */
    private static final long PSR_I_BIT = 0x80;

    private final Kernel k;
    private final Lockdep lockdep = new Lockdep();
    // Each save gets a distinct token above the DAIF bits, so a restore with another save's
    // flags (out of nesting order) is told apart from a restore of the innermost one.
    private long nextSave = 1;

    Locking(Kernel k) {
        this.k = k;
    }

    private Task cur() { return k.current(); }

    void spinLock(SpinLock l, String op) { spinLock(l, op, 0); }

    /** spin_lock and, with a subclass above 0, spin_lock_nested (lockdep's nesting annotation). */
    void spinLock(SpinLock l, String op, int subclass) {
        String at = k.caller();
        List<String> bt = k.backtrace();
        String cls = lockdepClass(l.className(), subclass);
        if (k.tracing()) k.traceLine(op + "(" + l.className() + (subclass > 0 ? ", " + subclass : "") + ")");
        if (cur().preemptCount == 0) {
            // preempt_count_add records the lock's caller when the count leaves 0 (DEBUG_PREEMPT).
            cur().preemptDisabledAt = at;
        }
        contend(l, cls, op);
        cur().preemptAdd(1);
        acquire(l, cls, LockKind.SPINLOCK, at, bt);
    }

    void mutexLock(Mutex m) { mutexLock(m, 0); }

    /** mutex_lock and, with a subclass above 0, mutex_lock_nested. */
    void mutexLock(Mutex m, int subclass) {
        String at = k.caller();
        List<String> bt = k.backtrace();
        String cls = lockdepClass(m.className(), subclass);
        String op = subclass > 0 ? "mutex_lock_nested" : "mutex_lock";
        if (k.tracing()) k.traceLine(op + "(" + m.className() + (subclass > 0 ? ", " + subclass : "") + ")");
        try (Frame f = k.enterUntraced(op)) {
            if (cur().atomicContext()) k.sleepCheck(op + "(" + m.className() + ")", op);
            contend(m, cls, op);
            acquire(m, cls, LockKind.MUTEX, at, bt);
        }
    }

    /**
     * The class lockdep files an acquisition under: a subclass above 0 is a class of its own,
     * printed "name/subclass" (__print_lock_name). MAX_LOCKDEP_SUBCLASSES is 8.
     */
    private static String lockdepClass(String cls, int subclass) {
        if (subclass < 0 || subclass >= 8) {
            throw new IllegalArgumentException("lockdep subclass " + subclass + " out of range 0..7");
        }
        return subclass == 0 ? cls : cls + "/" + subclass;
    }

    boolean isHeld(Object lock) { return indexOf(lock) >= 0; }

    void assertHeld(SpinLock l) { assertHeld(l, l.className()); }

    void assertHeld(Mutex m) { assertHeld(m, m.className()); }

    private void assertHeld(Object lock, String cls) {
        if (!isHeld(lock)) {
            // lockdep_assert_held is a bare WARN_ON: nothing but the WARNING line is printed.
            k.warning("lockdep_assert_held(" + cls + ") failed: lock not held", false);
        }
    }

    private void acquire(Object lock, String cls, LockKind kind, String at, List<String> bt) {
        lockdep.learnKind(cls, kind);
        // check_deadlock: any held lock of the same class (another instance too, e.g. a second
        // group's mutex) is "possible recursive locking"; lockdep adds no dependency for it.
        // The same instance is reported even under another subclass, where lockdep would be
        // silent: that is a certain self-deadlock, not a possible one.
        int same = indexOf(lock);
        int sameClass = same >= 0 ? same : indexOfClass(cls);
        if (sameClass >= 0) {
            reportRecursive(cur().held.get(sameClass), cls, kind, at, same >= 0);
        } else if (!cur().held.isEmpty()) {
            HeldLock prev = cur().held.get(cur().held.size() - 1);
            var dep = new Lockdep.Dep(prev.className(), cls, prev.takenAt(), at, bt);
            lockdep.add(dep).ifPresent(path -> reportCircular(prev, cls, kind, at, path));
        }
        Task me = cur();
        me.held.add(new HeldLock(lock, cls, kind, at, bt));
        if (me.log != null) me.log.add(KernelEventLog.Kind.LOCK, cls, kind == LockKind.SPINLOCK ? "spinlock" : "mutex", me);
        setOwner(lock, cur());
    }

    /**
     * In a parallel section, taking a lock is a schedule point, and a lock another task holds
     * makes this one wait until it is released. Its own lock it takes at once: that recursion
     * is lockdep's to report.
     */
    private void contend(Object lock, String cls, String op) {
        Task me = cur();
        if (me.sched == null) return;
        k.schedulePoint(op + "(" + cls + ")");
        k.waitFor(op + "(" + cls + ") contended", () -> owner(lock) == null || owner(lock) == me);
    }

    private static Task owner(Object lock) {
        return lock instanceof SpinLock s ? s.owner : ((Mutex) lock).owner;
    }

    private static void setOwner(Object lock, Task t) {
        if (lock instanceof SpinLock s) s.owner = t;
        else ((Mutex) lock).owner = t;
    }

    void release(Object lock, String op) {
        String cls = lock instanceof SpinLock s ? s.className() : ((Mutex) lock).className();
        String at = k.caller();
        if (k.tracing()) k.traceLine(op + "(" + cls + ")");
        int i = indexOf(lock);
        if (i < 0) {
            reportBadUnlock(cls, at);
            return;
        }
        // Non-LIFO release of different locks is legal kernel code; lockdep accepts it.
        HeldLock h = cur().held.remove(i);
        if (cur().log != null) cur().log.add(KernelEventLog.Kind.UNLOCK, cls, op, cur());
        if (h.kind() == LockKind.SPINLOCK) {
            cur().preemptAdd(-1);
        }
        if (owner(lock) == cur()) setOwner(lock, null);
        // Releasing is a schedule point: a waiter may take the lock before this task goes on.
        k.schedulePoint(op + "(" + cls + ")");
    }

    long irqSave(String lockClass) {
        String at = k.caller();
        long flags = (nextSave++ << 10) | (cur().irqsDisabled ? PSR_I_BIT : 0);
        cur().irqSaves.add(new IrqSave(flags, cur().irqsDisabled, at, lockClass));
        String op = lockClass == null ? "local_irq_save" : "spin_lock_irqsave(" + lockClass + ")";
        if (lockClass == null) {
            k.traceLine(op);
        }
        cur().setIrqsDisabled(true, op + " in " + at);
        return flags;
    }

    void irqRestore(long flags) {
        String at = k.caller();
        int top = cur().irqSaves.size() - 1;
        int i = top;
        while (i >= 0 && cur().irqSaves.get(i).flags() != flags) {
            i--;
        }
        if (i < 0) {
            report("irqrestore with flags 0x" + Long.toHexString(flags)
                    + " that no outstanding irqsave returned, in " + at);
            return;
        }
        IrqSave s = cur().irqSaves.remove(i);
        if (i != top) {
            IrqSave inner = cur().irqSaves.get(cur().irqSaves.size() - 1);
            report("irqrestore out of nesting order in " + at + ": restoring the save taken in "
                    + s.savedAt() + " while the later save taken in " + inner.savedAt() + " is outstanding");
            // The next save now restores what this one would have: one bug, one report, not a
            // second "returns with IRQs disabled" when the inner restore runs.
            IrqSave next = cur().irqSaves.get(i);
            cur().irqSaves.set(i, new IrqSave(next.flags(), s.wasDisabled(), next.savedAt(), next.lockClass()));
        }
        if (s.lockClass() == null) {
            k.traceLine("local_irq_restore");
        }
        // Restore writes back the saved state even when out of order, as the hardware would.
        cur().setIrqsDisabled(s.wasDisabled(), "local_irq_restore in " + at);
    }

    /**
     * The outermost modelled call returned: anything it took and kept is a lock-balance bug.
     * The arguments are the task's lock state when the call was entered.
     */
    void checkBalanceAtReturn(String function, int heldAtEntry, int irqSavesAtEntry, boolean irqsDisabledAtEntry) {
        Task t = cur();
        // The usual return: nothing taken and kept, IRQs as they were (no report can follow).
        if (t.held.size() <= heldAtEntry && t.irqSaves.size() <= irqSavesAtEntry && (!t.irqsDisabled || irqsDisabledAtEntry)) return;
        List<HeldLock> leaked = new ArrayList<>(cur().held.subList(Math.min(heldAtEntry, cur().held.size()), cur().held.size()));
        List<IrqSave> saves = new ArrayList<>(cur().irqSaves.subList(Math.min(irqSavesAtEntry, cur().irqSaves.size()), cur().irqSaves.size()));
        List<String> problems = new ArrayList<>();
        for (HeldLock h : leaked) {
            problems.add(h.className() + " (taken in " + h.takenAt() + ") still held when " + function + " returns");
        }
        for (IrqSave s : saves) {
            boolean lockReported = leaked.stream().anyMatch(h -> h.className().equals(s.lockClass()));
            if (!lockReported) {
                String what = s.lockClass() == null ? "local_irq_save" : "spin_lock_irqsave(" + s.lockClass() + ")";
                problems.add(what + " in " + s.savedAt() + " not restored when " + function + " returns");
            }
        }
        if (saves.isEmpty() && cur().irqsDisabled && !irqsDisabledAtEntry) {
            problems.add(function + " returns with IRQs disabled");
        }
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder sb = Splats.lockdepHeader("WARNING: lock held when returning to user space!");
        sb.append(Splats.taskName()).append(" is leaving the kernel with locks still held!\n");
        Splats.heldLocks(sb, leaked);
        sb.append("irqsave nesting: ").append(cur().irqSaves.size()).append(", irqs_disabled(): ")
                .append(Splats.irqsDisabled(cur())).append('\n');
        sb.append("returning from: ").append(function).append('\n');
        k.report(new Violation("lock-balance", String.join("; ", problems), List.of(function),
                names(leaked), sb.toString()));
        // Drop what leaked so one bug gives one report, not one per later step.
        for (HeldLock h : leaked) {
            cur().held.remove(h);
            if (cur().log != null) cur().log.add(KernelEventLog.Kind.UNLOCK, h.className(), "dropped after the lock-balance report", cur());
            if (owner(h.lock()) == cur()) setOwner(h.lock(), null);
            if (h.kind() == LockKind.SPINLOCK) {
                cur().preemptAdd(-1);
            }
        }
        cur().irqSaves.removeAll(saves);
        cur().setIrqsDisabled(irqsDisabledAtEntry, "return from " + function);
    }

    List<String> heldNames() { return names(cur().held); }

    private static List<String> names(List<HeldLock> held) {
        return held.stream().map(HeldLock::className).toList();
    }

    private int indexOfClass(String cls) {
        for (int i = cur().held.size() - 1; i >= 0; i--) {
            if (cur().held.get(i).className().equals(cls)) {
                return i;
            }
        }
        return -1;
    }

    private int indexOf(Object lock) {
        for (int i = cur().held.size() - 1; i >= 0; i--) {
            if (cur().held.get(i).lock() == lock) {
                return i;
            }
        }
        return -1;
    }

    private void report(String message) {
        StringBuilder sb = new StringBuilder("BUG: ").append(message).append('\n');
        Splats.heldLocks(sb, cur().held);
        Splats.callTrace(sb, k.backtrace());
        k.report(new Violation("lock-balance", message, k.backtrace(), heldNames(), sb.toString()));
    }

    private void reportBadUnlock(String cls, String at) {
        StringBuilder sb = Splats.lockdepHeader("WARNING: bad unlock balance detected!");
        sb.append(Splats.taskName()).append(" is trying to release lock (").append(cls).append(") at:\n")
                .append(at).append('\n').append("but there are no more locks to release!\n\n")
                .append("other info that might help us debug this:\n");
        Splats.heldLocks(sb, cur().held);
        sb.append("\nstack backtrace:\n");
        Splats.callTrace(sb, k.backtrace());
        k.report(new Violation("lock-balance", "bad unlock balance: " + cls + " released in " + at
                + " but not held", k.backtrace(), heldNames(), sb.toString()));
    }

    /**
     * print_deadlock_bug's layout: the lock being taken, the one held, the one-CPU scenario,
     * the nesting-notation hint, the held locks and the stack. Reported as lock-order: like a
     * cycle, it is a deadlock lockdep proves from the order of acquisitions.
     */
    private void reportRecursive(HeldLock held, String cls, LockKind kind, String at, boolean sameInstance) {
        StringBuilder sb = Splats.lockdepHeader("WARNING: possible recursive locking detected");
        sb.append(Splats.taskName()).append(" is trying to acquire lock:\n")
                .append(Splats.lockLine(cls, kind, at))
                .append("\nbut task is already holding lock:\n")
                .append(Splats.lockLine(held.className(), held.kind(), held.takenAt()))
                .append("\nother info that might help us debug this:\n")
                .append(" Possible unsafe locking scenario:\n\n")
                .append("       CPU0\n       ----\n")
                .append("  lock(").append(held.className()).append(");\n")
                .append("  lock(").append(cls).append(");\n\n *** DEADLOCK ***\n\n")
                .append(" May be due to missing lock nesting notation\n\n");
        Splats.heldLocks(sb, cur().held);
        sb.append("\nstack backtrace:\n");
        Splats.callTrace(sb, k.backtrace());
        k.report(new Violation("lock-order", "possible recursive locking: " + cls + " taken in " + at
                + " while " + (sameInstance ? "the same lock" : "another lock of the class")
                + " is held (taken in " + held.takenAt() + ")", k.backtrace(), heldNames(), sb.toString()));
    }

    /**
     * Taking newCls while holding prev closed the cycle newCls -> ... -> prev (path, as edges).
     * Lockdep's layout: the lock being taken, the lock held, then the existing chain with
     * the trace where each dependency was learned, then the current one.
     */
    private void reportCircular(HeldLock prev, String newCls, LockKind kind, String at, List<Lockdep.Dep> path) {
        StringBuilder sb = Splats.lockdepHeader("WARNING: possible circular locking dependency detected");
        sb.append(Splats.taskName()).append(" is trying to acquire lock:\n")
                .append(Splats.lockLine(newCls, kind, at))
                .append("\nbut task is already holding lock:\n")
                .append(Splats.lockLine(prev.className(), prev.kind(), prev.takenAt()))
                .append("\nwhich lock already depends on the new lock.\n\n")
                .append("\nthe existing dependency chain (in reverse order) is:\n");
        for (int i = path.size() - 1; i >= 0; i--) {
            Lockdep.Dep d = path.get(i);
            chainEntry(sb, i + 1, d.to(), d.trace());
        }
        chainEntry(sb, 0, newCls, k.backtrace());
        sb.append("\nother info that might help us debug this:\n\n");
        String parent = path.get(path.size() - 1).from();
        if (path.size() > 1) {
            List<String> chain = new ArrayList<>();
            path.forEach(d -> chain.add(d.from()));
            chain.add(prev.className());
            sb.append("Chain exists of:\n  ").append(String.join(" --> ", chain)).append("\n\n");
        }
        sb.append(" Possible unsafe locking scenario:\n\n")
                .append("       CPU0                    CPU1\n")
                .append("       ----                    ----\n")
                .append("  lock(").append(prev.className()).append(");\n")
                .append("                               lock(").append(parent).append(");\n")
                .append("                               lock(").append(prev.className()).append(");\n")
                .append("  lock(").append(newCls).append(");\n\n *** DEADLOCK ***\n\n");
        Splats.heldLocks(sb, cur().held);
        sb.append("\nstack backtrace:\n");
        Splats.callTrace(sb, k.backtrace());
        Lockdep.Dep last = path.get(path.size() - 1);
        String message = "possible circular locking dependency: " + newCls + " taken in " + at
                + " while holding " + prev.className() + " (taken in " + prev.takenAt() + "), but "
                + prev.className() + " was taken in " + last.toAt() + " while holding " + last.from()
                + (path.size() > 1 ? " (chain " + newCls + " -> ... -> " + prev.className() + ")" : "");
        k.report(new Violation("lock-order", message, k.backtrace(), heldNames(), sb.toString()));
    }

    private void chainEntry(StringBuilder sb, int index, String cls, List<String> trace) {
        sb.append("\n-> #").append(index).append(" (").append(cls).append(")")
                .append(lockdep.kindOf(cls).lockdepSuffix()).append(":\n");
        for (String fn : trace) {
            sb.append("       ").append(fn).append('\n');
        }
    }

    static String requireClass(String cls) { return Objects.requireNonNull(cls, "lock class"); }
}
