package org.smmubench.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.smmubench.hw.PhysMemory;

/**
 * The modelled kernel execution context of one bench: the current task's call stack,
 * locks and IRQ state, the allocators, and the debug checks that catch misuse at the
 * offending call (atomic-sleep, lock-order, lock-balance, kernel-warn, dma-leak).
 * One per bench and nothing static, so benches in one JVM share nothing.
 */
public final class Kernel {
    private final PhysMemory mem;
    /** The bench's own task; a parallel section runs others (see {@link #tasks}). */
    private final Task main = new Task();
    private Task task = main;
    private final Locking locking = new Locking(this);
    private final AllocationTracker allocations = new AllocationTracker();
    private final FailureInjector failures = new FailureInjector();
    private final CallTrace trace = new CallTrace();
    private final SoftLockupWatchdog watchdog = new SoftLockupWatchdog();
    private final List<XArray<?>> xarrays = new ArrayList<>();
    private final List<Violation> unsunk = new ArrayList<>();
    /** WARN_ON_ONCE sites that have fired (the kernel keeps one static flag per site). */
    private final java.util.Set<String> warnedOnce = new java.util.HashSet<>();
    private Consumer<Violation> sink = unsunk::add;

    public Kernel(PhysMemory mem) {
        this.mem = mem;
        // Remembered with the call stack of the moment, which is gone once the fault has
        // unwound the frames. Faults of the SMMU's own fetches are caught by the SMMU model and
        // never reach oops(); one made outside any kernel call (by the bench) clears the record.
        // Kept per task: in a parallel step another task may run while this one unwinds.
        mem.addFaultListener((pa, what) -> task.lastAbort = task.top == null ? null
                : new MemoryAbort(pa, what, backtrace(), heldLockNames()));
    }

    /** The last faulting memory access made inside a kernel call by a task (see {@link #oops}). */
    record MemoryAbort(long pa, String what, List<String> backtrace, List<String> locks) {}

    public Task current() { return task; }

    // ---- concurrent tasks -----------------------------------------------------------

    /**
     * The branches as task bodies for a {@link org.smmubench.kernel.sched.Scheduler}: each runs
     * as its own kernel task (own call stack, held locks, IRQ state) while lockdep, the
     * allocators and the checks stay shared, so lockdep learns lock orders across tasks.
     * While they run, lock acquire and release and sleeping allocations are schedule points,
     * and a lock another task holds makes the taker wait.
     */
    public List<org.smmubench.kernel.sched.TaskBody> tasks(List<Runnable> branches) {
        List<org.smmubench.kernel.sched.TaskBody> out = new ArrayList<>();
        for (Runnable b : branches) {
            Task t = new Task();
            out.add(ctx -> {
                t.sched = ctx;
                task = t;
                try {
                    b.run();
                } finally {
                    task = main;
                }
            });
        }
        return out;
    }

    /**
     * A context the kernel runs beside the tasks of a parallel section (an SRCU callback, say):
     * its own kernel task, scheduled only while {@code ready} holds and never waited for.
     */
    public org.smmubench.kernel.sched.Scheduler.Daemon context(String label, java.util.function.BooleanSupplier ready, Runnable body) {
        Task t = new Task();
        return new org.smmubench.kernel.sched.Scheduler.Daemon(label, ready, ctx -> {
            t.sched = ctx;
            task = t;
            try {
                body.run();
            } finally {
                task = main;
            }
        });
    }

    /** Waits until {@code ready} holds: a context's wait for work (returns at once outside a parallel section). */
    public void waitUntil(String label, java.util.function.BooleanSupplier ready) { waitFor(label, ready); }

    /** Whether the current task runs in a parallel section (under the scheduler). */
    public boolean scheduled() { return task.sched != null; }

    /** local_bh_disable: softirq-disabled, so atomic (a sleeping call in here is an atomic-sleep). */
    public void localBhDisable() { task.preemptAdd(1); }

    public void localBhEnable() { task.preemptAdd(-1); }

    /**
     * A schedule point of the current task (nothing outside a parallel section): where modelled
     * code waits for something another CPU can overtake, such as a CMD_SYNC completion.
     */
    public void schedulePoint(String label) {
        Task me = task;
        if (me.sched == null) return;
        me.sched.point(label);
        task = me;
    }

    /** Waits, as a contended lock does, until {@code ready} holds (at once outside a parallel section). */
    void waitFor(String label, java.util.function.BooleanSupplier ready) {
        Task me = task;
        if (me.sched == null) return;
        me.sched.waitUntil(label, ready);
        task = me;
    }

    public PhysMemory memory() { return mem; }

    // ---- modelled calls -------------------------------------------------------------

    /** Enters a modelled kernel function; close the frame to return from it. */
    public Frame enter(String kernelFunction) {
        Task t = task;
        return push(kernelFunction, true, t.held.size(), t.irqSaves.size(), t.irqsDisabled);
    }

    /** Frames of allocators and lock primitives: shown in traces, never balance-checked. */
    Frame enterInternal(String kernelFunction) {
        return push(kernelFunction, true, -1, 0, false);
    }

    /** An internal frame that the call trace does not show (its caller logs one line instead). */
    Frame enterUntraced(String kernelFunction) {
        return push(kernelFunction, false, -1, 0, false);
    }

    /** Modelled calls made so far; numbers each frame. */
    private long calls;

    private Frame push(String fn, boolean traced, int heldAtEntry, int irqSavesAtEntry, boolean irqsDisabledAtEntry) {
        Objects.requireNonNull(fn, "kernel function");
        Task t = task;
        Frame f = new Frame(this, fn, t.top, ++calls, !traced, heldAtEntry, irqSavesAtEntry, irqsDisabledAtEntry);
        if (f.depth() == 0) watchdog.reset();
        if (traced) {
            trace.enter(f.depth(), fn);
        }
        t.top = f;
        if (traced && t.log != null) t.log.add(KernelEventLog.Kind.ENTER, fn, null, t);
        return f;
    }

    void exit(Frame f) {
        Task t = task;
        if (t.top != f) {
            List<String> stack = new ArrayList<>(t.backtrace());
            java.util.Collections.reverse(stack);
            throw new IllegalStateException("frame " + f.function() + " closed out of order; stack: " + stack);
        }
        if (!f.untraced && t.log != null) t.log.add(KernelEventLog.Kind.EXIT, f.function(), null, t);
        t.top = f.caller;
        if (!f.untraced) {
            trace.exit(f.depth(), f.function());
        }
        if (f.depth() == 0 && f.checksBalance()) {
            locking.checkBalanceAtReturn(f.function(), f.heldAtEntry, f.irqSavesAtEntry, f.irqsDisabledAtEntry);
        }
    }

    /** The modelled call stack, innermost first. */
    public List<String> backtrace() { return task.backtrace(); }

    /** See {@link Task#innermostCall}. */
    public long innermostCall(String function) { return task.innermostCall(function); }

    /** The innermost modelled function: who is calling the primitive being executed. */
    String caller() {
        return task.top == null ? "(bench)" : task.top.function();
    }

    Locking locking() { return locking; }

    // ---- locks and IRQs -------------------------------------------------------------

    /** A new spinlock instance of the lockdep class, e.g. "&smmu_domain->devices_lock". */
    public SpinLock spinLock(String className) { return new SpinLock(this, Locking.requireClass(className)); }

    /** A new mutex instance of the lockdep class, e.g. "sva_lock", "&group->mutex". */
    public Mutex mutex(String className) { return new Mutex(this, Locking.requireClass(className)); }

    /** local_irq_save: disables IRQs; pass the flags back to {@link #localIrqRestore}, innermost first. */
    public long localIrqSave() { return locking.irqSave(null); }

    public void localIrqRestore(long flags) { locking.irqRestore(flags); }

    /** Lockdep class names of the held locks, outermost first. */
    public List<String> heldLockNames() { return locking.heldNames(); }

    // ---- debug checks ---------------------------------------------------------------

    /** might_sleep(): `what` names the sleeping op (e.g. "mmu_notifier_register"). */
    public void mightSleep(String what) {
        sleepCheck(what, isIdentifier(what) ? what : null);
    }

    /** Whether {@code s} is a C identifier (a function name, not a description); no regex: every sleeping call asks. */
    private static boolean isIdentifier(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) return false;
        }
        return true;
    }

    /** The sleep check of an allocator: only a GFP that may sleep is checked. */
    void allocSleepCheck(Gfp gfp, String allocator) {
        if (gfp.maySleep()) {
            sleepCheck(gfp.name() + " allocation", allocator);
            // A sleeping allocation may schedule: another task can run meanwhile.
            schedulePoint(gfp.name() + " allocation in " + allocator);
        }
    }

    /**
     * CONFIG_DEBUG_ATOMIC_SLEEP: op is about to sleep. opFunction, when given, is shown
     * innermost in the call trace (added if it is not already the innermost frame).
     */
    void sleepCheck(String op, String opFunction) {
        if (!task.atomicContext()) {
            return;
        }
        List<String> bt = new ArrayList<>(backtrace());
        if (opFunction != null && (bt.isEmpty() || !bt.get(0).equals(opFunction))) {
            bt.add(0, opFunction);
        }
        int callerIndex = opFunction == null ? 0 : 1;
        String caller = bt.size() > callerIndex ? bt.get(callerIndex) : "(bench)";
        String context = task.irqsDisabled() ? "with IRQs disabled"
                : task.held.stream().anyMatch(h -> h.kind() == LockKind.SPINLOCK) ? "with a spinlock held"
                : "in atomic context";
        String detail = (opFunction != null && !op.startsWith(opFunction) ? opFunction + " " : "")
                + "in " + caller;
        List<String> held = heldLockNames();
        String message = op + " " + context + ": " + detail
                + (held.isEmpty() ? "" : ", holding " + String.join(", ", held));
        report(new Violation("atomic-sleep", message, bt, held,
                Splats.atomicSleep(task, SourceFiles.mightSleepSite(opFunction, caller), bt)));
    }

    /**
     * WARN_ON(cond): reports kernel-warn when cond holds, and returns cond. `what` says what
     * went wrong (callers pass a description, not the C expression), printed above the WARNING.
     */
    public boolean warnOn(boolean cond, String what) {
        if (cond) {
            warning(what, false);
        }
        return cond;
    }

    /**
     * WARN_ON_ONCE(cond): like {@link #warnOn}, but the site (named by {@code site}) reports only
     * the first time its condition holds; later hits still return cond.
     */
    public boolean warnOnOnce(String site, boolean cond, String what) {
        if (cond && warnedOnce.add(site)) {
            warning(what, false);
        }
        return cond;
    }

    /** WARN(1, message): a kernel-warn with the current call trace; the splat prints message. */
    public void warn(String message) { warning(message, true); }

    /**
     * A WARN firing. `what` always goes into the violation's one-line message and the trace;
     * the splat prints it only for WARN(cond, fmt), since a bare WARN_ON has no text.
     */
    void warning(String what, boolean printed) {
        String fn = caller();
        List<String> bt = backtrace();
        traceLine("WARNING: " + what);
        report(new Violation("kernel-warn", what + " in " + fn, bt, heldLockNames(),
                Splats.warning(printed ? what : null, fn, bt)));
    }

    /**
     * A memory fault that escaped a kernel call: the modelled kernel read or wrote simulated
     * memory that no allocation covers (past the end of a table, or freed). The model has
     * nothing there to read or write, so the call cannot go on; the bench abandons it, as an
     * Oops kills the task, after this reports kernel-oops in arm64's words. Returns the one-line
     * message, or null when no kernel call made the access (a bug in the bench itself, which the
     * caller rethrows). The real kernel faults like this only when nothing is mapped there; if
     * other memory lies there, it reads or corrupts it without a word, which the model cannot
     * follow either.
     */
    public String oops(org.smmubench.hw.MemoryFault f) {
        MemoryAbort a = task.lastAbort;
        task.lastAbort = null;
        if (a == null || a.pa() != f.pa()) return null;
        String fn = a.backtrace().get(0);
        String message = a.what() + " at PA " + Hex.of(a.pa()) + nearest(a.pa()) + " in " + fn;
        traceLine("Unable to handle kernel paging request: " + message);
        report(new Violation("kernel-oops", message, a.backtrace(), a.locks(), Splats.oops(a.pa(), fn, a.backtrace())));
        return message;
    }

    /**
     * The live kernel allocation the faulting address lies past: the nearest below that the
     * kernel made (a freed one is not named). Memory the model hands out otherwise (page tables)
     * may lie between; it says nothing about which table the driver ran past.
     */
    private String nearest(long pa) {
        long[] below = mem.allocationAtOrBelow(pa);
        for (int hops = 0; below != null && hops < 16; hops++, below = mem.allocationAtOrBelow(below[0] - 1)) {
            Allocation a = allocations.liveDmaAt(below[0]);
            long past = pa - (below[0] + below[1]);
            if (a != null && past >= 0) return ", " + Hex.of(past) + " bytes past the end of " + a.describe() + " (" + Hex.of(below[1]) + " bytes)";
        }
        return "";
    }

    /**
     * One unit of CPU work without a schedule point (a command written into the SMMU command
     * queue): past the watchdog's budget it reports soft-lockup once per entry point, and it
     * abandons a call that never ends with {@link CpuStuck}.
     */
    public void cpuWork() {
        String fn = caller();
        String splat = watchdog.tick(fn, backtrace());
        if (splat != null) {
            report(new Violation("soft-lockup", "more than " + SoftLockupWatchdog.BUDGET
                    + " commands without a schedule point in " + (task.top == null ? fn : task.outermost()) + " (stuck in " + fn + ")",
                    backtrace(), heldLockNames(), splat));
        }
    }

    // ---- allocation -----------------------------------------------------------------

    /** kzalloc: null on an injected failure at site (for device, when given). */
    public <T> T kzalloc(String site, String device, Gfp gfp, Supplier<T> ctor) {
        return allocate("kzalloc", site, device, gfp, 1, false, ctor);
    }

    /** kcalloc of n elements: ctor receives n (e.g. {@code Foo[]::new}). */
    public <T> T kcalloc(String site, String device, int n, Gfp gfp, IntFunction<T> ctor) {
        return allocate("kcalloc", site, device, gfp, n, false, () -> ctor.apply(n));
    }

    public <T> T kcalloc(String site, String device, int n, Gfp gfp, Supplier<T> ctor) {
        return allocate("kcalloc", site, device, gfp, n, false, ctor);
    }

    /** devm_kcalloc: managed by the device (released with it, or by devm_kfree). */
    public <T> T devmKcalloc(String site, String device, int n, Gfp gfp, IntFunction<T> ctor) {
        return allocate("devm_kcalloc", site, device, gfp, n, true, () -> ctor.apply(n));
    }

    public <T> T devmKcalloc(String site, String device, int n, Gfp gfp, Supplier<T> ctor) {
        return allocate("devm_kcalloc", site, device, gfp, n, true, ctor);
    }

    /** dmam_alloc_coherent: zeroed memory from PhysMemory, naturally aligned; null on failure. */
    public DmaBuffer dmamAllocCoherent(String site, String device, long size, Gfp gfp) {
        return allocate("dmam_alloc_coherent", site, device, gfp, size, true, () -> dmaBuffer(size));
    }

    /** dma_alloc_coherent: as dmamAllocCoherent, but not device-managed. */
    public DmaBuffer dmaAllocCoherent(String site, String device, long size, Gfp gfp) {
        return allocate("dma_alloc_coherent", site, device, gfp, size, false, () -> dmaBuffer(size));
    }

    private DmaBuffer dmaBuffer(long size) {
        // The page allocator behind dma-direct hands out naturally aligned power-of-two blocks.
        long align = PhysMemory.PAGE_SIZE;
        while (align < size) {
            align <<= 1;
        }
        return new DmaBuffer(mem.alloc(size, align), size);
    }

    private <T> T allocate(String allocator, String site, String device, Gfp gfp, long size,
                           boolean managed, Supplier<T> ctor) {
        try (Frame f = enterInternal(allocator)) {
            allocSleepCheck(gfp, allocator);
            if (inject(site, device)) {
                return null;
            }
            T obj = Objects.requireNonNull(ctor.get(), allocator + ": constructor returned null");
            List<String> bt = backtrace();
            String caller = bt.size() > 1 ? bt.get(1) : "(bench)";
            allocations.track(new Allocation(allocations.nextId(), allocator, site, device, caller,
                    size, managed, bt, obj));
            return obj;
        }
    }

    /** kfree: kfree(null) is a no-op; unknown or freed objects are dma-leak violations. */
    public void kfree(Object obj) { free("kfree", obj, false); }

    public void devmKfree(Object obj) { free("devm_kfree", obj, false); }

    /** dma_free_coherent: also returns the memory to PhysMemory. */
    public void dmaFreeCoherent(DmaBuffer b) { free("dma_free_coherent", b, true); }

    public void dmamFreeCoherent(DmaBuffer b) { free("dmam_free_coherent", b, true); }

    private void free(String freer, Object obj, boolean dma) {
        if (obj == null) {
            return;
        }
        try (Frame f = enterInternal(freer)) {
            Allocation a = allocations.live(obj);
            if (a != null && dma == (obj instanceof DmaBuffer)) {
                allocations.release(obj, backtrace());
                if (dma) {
                    mem.free(((DmaBuffer) obj).dma());
                }
                return;
            }
            AllocationTracker.Freed fr = allocations.freed(obj);
            if (a != null) {
                Kasan.invalidFree(this, freer, a, "allocated by " + a.allocator() + ", freed with " + freer);
            } else if (fr != null) {
                Kasan.doubleFree(this, freer, fr);
            } else {
                Kasan.invalidFree(this, freer, null, "not allocated by the modelled kernel: "
                        + obj.getClass().getSimpleName());
            }
        }
    }

    /** Flags a use of obj after it was freed (dma-leak); true when the use is fine. */
    public boolean checkUse(Object obj) {
        AllocationTracker.Freed fr = obj == null ? null : allocations.freed(obj);
        if (fr == null) {
            return true;
        }
        Kasan.useAfterFree(this, fr);
        return false;
    }

    /** Allocations not freed yet, in allocation order (the teardown leak check). */
    public List<Allocation> liveAllocations() { return allocations.liveAllocations(); }

    /** The live DMA allocation whose buffer starts at bus address {@code dma}, or null (for the invariants' indexes). */
    public Allocation liveDmaAllocationAt(long dma) { return allocations.liveDmaAt(dma); }

    /** One dma-leak violation per live allocation (managed ones only when asked), kmemleak style. */
    public List<Violation> leakReport(boolean includeManaged) {
        return liveAllocations().stream().filter(a -> includeManaged || !a.managed())
                .map(Kasan::leak).toList();
    }

    // ---- failure injection and id allocators ------------------------------------------

    /** A hit of failure site `site` (null: not an injection point); true = this hit must fail. */
    public boolean inject(String site, String device) {
        if (site == null || !failures.hit(site, device)) {
            return false;
        }
        traceLine("FAULT_INJECTION: forcing a failure at " + site + (device == null ? "" : " for " + device));
        return true;
    }

    public FailureInjector failures() { return failures; }

    /** A new allocating xarray; base 1 models DEFINE_XARRAY_ALLOC1. */
    public <V> XArray<V> xarray(String name, int base) {
        XArray<V> xa = new XArray<>(this, name, base);
        xarrays.add(xa);
        return xa;
    }

    /** Every xarray created, for whole-state checks (leftover slots are leaks too). */
    public List<XArray<?>> xarrays() { return List.copyOf(xarrays); }

    public Ida ida(String name) { return new Ida(this, name); }

    // ---- event log ------------------------------------------------------------------

    /**
     * Starts recording every traced call, lock, IRQ and preemption transition into log (see
     * {@link KernelEventLog}); null stops. Only a report that draws the run asks for this.
     */
    public void attachEventLog(KernelEventLog log) { task.log = log; }

    /**
     * A mark from outside the kernel (a command the SMMU consumed, a DMA, an event record, a
     * violation, a step) at the current time.
     */
    public void logMark(KernelEventLog.Kind kind, String name, String detail) {
        if (task.log == null) return;
        if (kind != KernelEventLog.Kind.COMMAND && kind != KernelEventLog.Kind.DMA && kind != KernelEventLog.Kind.EVENT
                && kind != KernelEventLog.Kind.VIOLATION && kind != KernelEventLog.Kind.STEP) {
            throw new IllegalArgumentException(kind + " is recorded by the kernel itself, not marked");
        }
        task.log.add(kind, name, detail, task);
    }

    // ---- violations and trace -------------------------------------------------------

    /** Where detectors send violations; until one is installed they are kept (see {@link #unsunkViolations}). */
    public void setViolationSink(Consumer<Violation> sink) { this.sink = Objects.requireNonNull(sink); }

    /** Violations raised before a sink was installed. */
    public List<Violation> unsunkViolations() { return List.copyOf(unsunk); }

    void report(Violation v) { sink.accept(v); }

    public void setTracing(boolean on) { trace.setEnabled(on); }

    public boolean tracing() { return trace.enabled(); }

    /** Appends a line to the call trace, indented under the current function. */
    public void trace(String line) { traceLine(line); }

    void traceLine(String line) { trace.add(task.frameDepth(), line); }

    /** The trace lines recorded since the last drain. */
    public List<String> drainTrace() { return trace.drain(); }
}
