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
    private final Task task = new Task();
    private final Locking locking = new Locking(this, task);
    private final AllocationTracker allocations = new AllocationTracker();
    private final FailureInjector failures = new FailureInjector();
    private final CallTrace trace = new CallTrace();
    private final List<XArray<?>> xarrays = new ArrayList<>();
    private final List<Violation> unsunk = new ArrayList<>();
    /** WARN_ON_ONCE sites that have fired (the kernel keeps one static flag per site). */
    private final java.util.Set<String> warnedOnce = new java.util.HashSet<>();
    private Consumer<Violation> sink = unsunk::add;

    public Kernel(PhysMemory mem) {
        this.mem = mem;
    }

    public Task current() { return task; }

    public PhysMemory memory() { return mem; }

    // ---- modelled calls -------------------------------------------------------------

    /** Enters a modelled kernel function; close the frame to return from it. */
    public Frame enter(String kernelFunction) {
        return push(kernelFunction, locking.entryState(), true);
    }

    /** Frames of allocators and lock primitives: shown in traces, never balance-checked. */
    Frame enterInternal(String kernelFunction) {
        return push(kernelFunction, null, true);
    }

    /** An internal frame that the call trace does not show (its caller logs one line instead). */
    Frame enterUntraced(String kernelFunction) {
        return push(kernelFunction, null, false);
    }

    /** Modelled calls made so far; numbers each frame. */
    private long calls;

    private Frame push(String fn, Locking.EntryState entry, boolean traced) {
        Objects.requireNonNull(fn, "kernel function");
        int depth = task.frames.size();
        Frame f = new Frame(this, fn, depth, entry);
        f.untraced = !traced;
        if (traced) {
            trace.enter(depth, fn);
        }
        task.frames.add(fn);
        task.calls.add(++calls);
        return f;
    }

    void exit(Frame f) {
        int top = task.frames.size() - 1;
        if (top != f.depth() || !task.frames.get(top).equals(f.function())) {
            throw new IllegalStateException("frame " + f.function() + " closed out of order; stack: " + task.frames);
        }
        task.frames.remove(top);
        task.calls.remove(top);
        if (!f.untraced) {
            trace.exit(f.depth(), f.function());
        }
        if (f.depth() == 0 && f.entry() != null) {
            locking.checkBalanceAtReturn(f.function(), f.entry());
        }
    }

    /** The modelled call stack, innermost first. */
    public List<String> backtrace() { return task.backtrace(); }

    /** See {@link Task#innermostCall}. */
    public long innermostCall(String function) { return task.innermostCall(function); }

    /** The innermost modelled function: who is calling the primitive being executed. */
    String caller() {
        return task.frames.isEmpty() ? "(bench)" : task.frames.get(task.frames.size() - 1);
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
        sleepCheck(what, what.matches("[A-Za-z_][A-Za-z0-9_]*") ? what : null);
    }

    /** The sleep check of an allocator: only a GFP that may sleep is checked. */
    void allocSleepCheck(Gfp gfp, String allocator) {
        if (gfp.maySleep()) {
            sleepCheck(gfp.name() + " allocation", allocator);
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
                Splats.atomicSleep(task, SourceFiles.location(caller), bt)));
    }

    /**
     * WARN_ON(cond): reports kernel-warn when cond holds, and returns cond. `what` says what
     * went wrong (callers pass a description, not the C expression), printed above the WARNING.
     */
    public boolean warnOn(boolean cond, String what) {
        if (cond) {
            warn(what);
        }
        return cond;
    }

    /**
     * WARN_ON_ONCE(cond): like {@link #warnOn}, but the site (named by {@code site}) reports only
     * the first time its condition holds; later hits still return cond.
     */
    public boolean warnOnOnce(String site, boolean cond, String what) {
        if (cond && warnedOnce.add(site)) {
            warn(what);
        }
        return cond;
    }

    /** WARN(1, message): a kernel-warn with the current call trace. */
    public void warn(String message) {
        String fn = caller();
        List<String> bt = backtrace();
        traceLine("WARNING: " + message);
        report(new Violation("kernel-warn", message + " in " + fn, bt, heldLockNames(),
                Splats.warning(message, fn, bt)));
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

    void traceLine(String line) { trace.add(task.frames.size(), line); }

    /** The trace lines recorded since the last drain. */
    public List<String> drainTrace() { return trace.drain(); }
}
