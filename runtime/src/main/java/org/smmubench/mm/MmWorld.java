package org.smmubench.mm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.smmubench.hw.PhysMemory;
import org.smmubench.hw.field.Pte;
import org.smmubench.kernel.Errno;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.FunctionTable;
import org.smmubench.kernel.Kernel;
import org.smmubench.kernel.Mutex;
import org.smmubench.kernel.Patchable;
import org.smmubench.kernel.SpinLock;

/**
 * The CPU side: processes and their mms, CPU ASIDs, mapping and unmapping (which reaches
 * secondary MMUs through arch_invalidate_secondary_tlbs), exit, and the mmu-notifier
 * machinery with its SRCU-deferred free.
 */
public final class MmWorld implements Patchable<MmFunctions> {
    /**
     * MAIR_EL1 as arm64 Linux programs it (attr0 normal WB, attr1 normal tagged, attr2 normal
     * NC, attr3 device nGnRnE, attr4 device nGnRE); SVA copies it into CD dword 3.
     */
    public static final long MAIR_EL1 = 0x0000_0004_0044_f0ffL;
    /** vabits_actual of the modelled kernel: 48-bit user VAs. */
    public static final int VA_BITS = 48;
    /** ID_AA64MMFR0_EL1.PARange of the modelled CPU, as bits. */
    public static final int PA_BITS = 48;
    /** CPU ASIDs are 16 bits on the modelled CPU. */
    public static final int CPU_ASID_BITS = 16;

    private final Kernel k;
    private final PhysMemory mem;
    private final Map<String, Mm> mms = new LinkedHashMap<>();
    private final TreeSet<Integer> usedAsids = new TreeSet<>();
    /** SRCU callbacks queued by mmu_notifier_put, run at the next grace period. */
    private final Deque<MmuNotifier> srcuPending = new ArrayDeque<>();

    /** The mm-side functions upstream commits change (fork.c, arm64 tlbflush.h), in the versions this tree runs. */
    private final FunctionTable<MmFunctions> functions;

    public MmWorld(Kernel k, PhysMemory mem) {
        this.k = k;
        this.mem = mem;
        this.functions = new FunctionTable<>(new MmFunctions(this));
    }

    @Override
    public FunctionTable<MmFunctions> functions() { return functions; }

    Kernel kernel() { return k; }

    public Mm find(String name) { return mms.get(name); }

    /** Every process in creation order: one immutable list, copied again only after a new process (the map only grows there). */
    public List<Mm> all() {
        if (all == null) all = List.copyOf(mms.values());
        return all;
    }

    /**
     * all()'s last answer. The whole-state checks ask after every step; copying ten thousand
     * idle processes each time was most of a step's cost with that many.
     */
    private List<Mm> all;

    /**
     * A new process. {@code asid} null: the lowest free CPU ASID from 1. Returns null when the
     * requested ASID is taken (the caller reports it).
     */
    public Mm createProcess(String name, Integer asid) {
        int a;
        if (asid != null) {
            if (usedAsids.contains(asid)) return null;
            a = asid;
        } else {
            a = 1;
            while (usedAsids.contains(a)) a++;
        }
        usedAsids.add(a);
        Mm mm = new Mm(this, name, new PageTable(mem), a);
        mms.put(name, mm);
        all = null;
        return mm;
    }

    /** mmap + populate: fresh zeroed pages with {@code prot}; a change of an existing page behaves as mprotect. */
    public void map(Mm mm, long va, long size, Prot prot) {
        try (Frame f = k.enter("do_mmap")) {
            Mutex mmapLock = mmapLock(mm);
            mmapLock.lock();
            try {
                boolean changed = false;
                for (long p = va; p < va + size; p += Pte.PAGE_SIZE) {
                    Mm.MappedPage old = mm.pages.get(p);
                    long pa = old != null ? old.pa() : mem.alloc(Pte.PAGE_SIZE, Pte.PAGE_SIZE);
                    mm.pgtable.setPage(p, pa, prot);
                    mm.pages.put(p, new Mm.MappedPage(pa, prot));
                    changed |= old != null;
                }
                // Changing a live PTE needs a TLB flush, which also reaches secondary MMUs.
                if (changed) flushTlbRange(mm, va, va + size);
            } finally {
                mmapLock.unlock();
            }
        }
    }

    /** munmap: clear the PTEs, flush (secondary TLBs included), then free the pages. */
    public void unmap(Mm mm, long va, long size) {
        try (Frame f = k.enter("__do_munmap")) {
            Mutex mmapLock = mmapLock(mm);
            mmapLock.lock();
            long[] inFlight = {va, va + size};
            mm.unmapsInFlight.add(inFlight);
            try {
                List<Long> freedPages = new ArrayList<>();
                for (long p = va; p < va + size; p += Pte.PAGE_SIZE) {
                    Mm.MappedPage old = mm.pages.remove(p);
                    if (old == null) continue;
                    mm.pgtable.clearPage(p);
                    freedPages.add(old.pa());
                }
                flushTlbRange(mm, va, va + size);
                mm.unmapsInFlight.remove(inFlight);
                // Pages go back only after the flush, as tlb_finish_mmu orders it.
                for (long pa : freedPages) mem.free(pa);
            } finally {
                mm.unmapsInFlight.remove(inFlight);
                mmapLock.unlock();
            }
        }
    }

    /**
     * A CPU write to {@code va}. A page mapped read-only stands for a write-protected PTE in a
     * writable VMA whose page the process owns alone (the model keeps no separate VMA
     * permissions): the write faults, do_wp_page reuses the page, and ptep_set_access_flags
     * makes the PTE writable in place and flushes the stale read-only entry with
     * flush_tlb_page. Returns false when nothing is mapped there (the task would get SIGSEGV).
     */
    public boolean cpuWrite(Mm mm, long va) {
        long page = va & ~(Pte.PAGE_SIZE - 1);
        Mm.MappedPage old = mm.pages.get(page);
        if (old == null) return false;
        if (old.prot().write) return true;
        try (Frame f = k.enter("do_page_fault")) {
            try (Frame g = k.enter("handle_mm_fault")) {
                try (Frame h = k.enter("do_wp_page")) {
                    // wp_page_reuse runs with the PTE lock held.
                    SpinLock ptl = k.spinLock("&mm->page_table_lock");
                    ptl.lock();
                    try (Frame i = k.enter("wp_page_reuse")) {
                        Prot upgraded = old.prot().exec ? Prot.RWX : Prot.RW;
                        ptepSetAccessFlags(mm, page, old.pa(), upgraded);
                    } finally {
                        ptl.unlock();
                    }
                }
            }
        }
        return true;
    }

    /** ptep_set_access_flags (arm64): write the more permissive PTE, then invalidate the stale read-only entry. */
    private void ptepSetAccessFlags(Mm mm, long page, long pa, Prot prot) {
        try (Frame f = k.enter("ptep_set_access_flags")) {
            mm.pgtable.setPage(page, pa, prot);
            mm.pages.put(page, new Mm.MappedPage(pa, prot));
            functions.get("flush_tlb_page").flushTlbPage(mm, page);
        }
    }

    /** The secondary-TLB notification of [start, end): every subscriber's arch_invalidate_secondary_tlbs. */
    void notifySecondaryTlbs(Mm mm, long start, long end) {
        try (Frame g = k.enter("mmu_notifier_arch_invalidate_secondary_tlbs")) {
            for (MmuNotifier mn : List.copyOf(mm.subscriptions)) mn.archInvalidateSecondaryTlbs(mm, start, end);
        }
    }

    /**
     * flush_tlb_range: on arm64 the CPU TLBI path calls
     * mmu_notifier_arch_invalidate_secondary_tlbs, here with the page-table lock held as in
     * ptep_clear_flush, so a secondary MMU that sleeps there is caught.
     */
    private void flushTlbRange(Mm mm, long start, long end) {
        try (Frame f = k.enter("__flush_tlb_range")) {
            SpinLock ptl = k.spinLock("&mm->page_table_lock");
            ptl.lock();
            try {
                notifySecondaryTlbs(mm, start, end);
            } finally {
                ptl.unlock();
            }
        }
    }

    /**
     * Process exit: mmput drops mm_users to zero, so __mmput tears the address space down
     * (exit_mmap tells every subscriber through mmu_notifier_release) and drops mm_users'
     * reference on the struct.
     */
    public void exit(Mm mm) {
        try (Frame f = k.enter("do_exit")) {
            if (mm.exited) return;
            mm.exited = true;
            mm.users = 0;
            try (Frame g = k.enter("mmput")) {
                functions.get("__mmput").mmput(mm);
            }
        }
    }

    /**
     * mmget_not_zero: a reference on mm_users unless the address space is already gone. The
     * model's exit drops every user at once, so a reference taken here does not delay the
     * teardown of an exit that runs meanwhile (a kernel's would, until the mmput).
     */
    public boolean mmgetNotZero(Mm mm) {
        try (Frame f = k.enter("mmget_not_zero")) {
            if (mm.users == 0) return false;
            mm.users++;
            return true;
        }
    }

    /** mmput of a reference taken with {@link #mmgetNotZero}: the last one tears the space down, as an exit would. */
    public void mmput(Mm mm) {
        try (Frame f = k.enter("mmput")) {
            if (mm.users == 0) return;
            if (--mm.users > 0) return;
            mm.exited = true;
            functions.get("__mmput").mmput(mm);
        }
    }

    /** exit_mmap: subscribers are told, the user pages and page-table pages go. */
    void exitMmap(Mm mm) {
        try (Frame g = k.enter("exit_mmap")) {
            mmuNotifierRelease(mm);
            for (Mm.MappedPage p : mm.pages.values()) mem.free(p.pa());
            mm.pages.clear();
            mm.pgtable.freeLowerTables();
        }
    }

    /** mm_pasid_drop: the iommu core's hook, run where the tree's kernel/fork.c calls it. */
    void mmPasidDrop(Mm mm) {
        for (Runnable r : mm.teardownHooks()) r.run();
    }

    /** __mmu_notifier_release: ->release on each subscriber, then unlink them all. */
    private void mmuNotifierRelease(Mm mm) {
        try (Frame f = k.enter("__mmu_notifier_release")) {
            for (MmuNotifier mn : List.copyOf(mm.subscriptions)) mn.release(mm);
            for (MmuNotifier mn : mm.subscriptions) mn.linked = false;
            mm.subscriptions.clear();
        }
    }

    /** The last mmdrop: __mmdrop, as the tree has it. */
    void mmdropFinal(Mm mm) {
        functions.get("__mmdrop").mmdrop(mm);
    }

    /** The struct itself goes: the pgd (and the page tables if the mm never exited), and its CPU ASID. */
    void freeMmStruct(Mm mm) {
        if (!mm.exited) mm.pgtable.freeLowerTables();
        mm.pgtable.freePgd();
        mm.freed = true;
        usedAsids.remove(mm.cpuAsid);
    }

    /** arm64_mm_context_get: pin the mm's CPU ASID so rollover cannot reassign it; 0 on failure. */
    public int arm64MmContextGet(Mm mm, String device) {
        try (Frame f = k.enter("arm64_mm_context_get")) {
            if (k.inject("arm64_mm_context_get", device)) return 0;
            mm.asidPins++;
            return mm.cpuAsid;
        }
    }

    public void arm64MmContextPut(Mm mm) {
        try (Frame f = k.enter("arm64_mm_context_put")) {
            k.warnOn(mm.asidPins <= 0, "arm64_mm_context_put without a pin");
            mm.asidPins--;
        }
    }

    /** mmu_notifier_register: may sleep (takes mmap_lock for write); pins the mm struct. */
    public int mmuNotifierRegister(MmuNotifier mn, Mm mm, String device) {
        try (Frame f = k.enter("mmu_notifier_register")) {
            k.mightSleep("mmu_notifier_register");
            Mutex mmapLock = mmapLock(mm);
            mmapLock.lock();
            try {
                if (k.inject("mmu_notifier_register", device)) return -Errno.ENOMEM;
                if (mm.exited) return -Errno.ESRCH;
                mm.mmgrab();
                mn.mm = mm;
                mn.users = 1;
                mn.linked = true;
                mm.subscriptions.add(mn);
                return 0;
            } finally {
                mmapLock.unlock();
            }
        }
    }

    /**
     * mmu_notifier_put: drop the core's reference under the subscriptions spinlock; the last
     * one unlinks the subscription and queues free_notifier (and the mmdrop) with call_srcu
     * for after a grace period. Nothing here sleeps (mm/mmu_notifier.c takes only a spinlock
     * and call_srcu does not wait), so a put under a spinlock or with IRQs off is legal.
     */
    public void mmuNotifierPut(MmuNotifier mn) {
        try (Frame f = k.enter("mmu_notifier_put")) {
            SpinLock lock = mn.mm == null ? null : subscriptionsLock(mn.mm);
            if (lock != null) lock.lock();
            try {
                if (k.warnOn(mn.users <= 0 || mn.freed, "mmu_notifier_put on a notifier with no references")) return;
                if (--mn.users > 0) return;
                if (mn.linked) {
                    mn.mm.subscriptions.remove(mn);
                    mn.linked = false;
                }
            } finally {
                if (lock != null) lock.unlock();
            }
            // call_srcu, after the unlock as in the kernel: queues the free, never waits.
            srcuPending.add(mn);
        }
        // From here the grace period may end and the callback run on another CPU while this
        // one goes on: in a parallel section the SRCU callback context may take over here.
        k.schedulePoint("call_srcu(mmu_notifier_free_rcu)");
    }

    /** An SRCU grace period elapses: queued notifiers are freed (mmu_notifier_free_rcu). */
    public void synchronizeSrcu() {
        while (!srcuPending.isEmpty()) freeRcu(srcuPending.poll());
    }

    /** mmu_notifier_free_rcu: the driver's free_notifier, then the notifier's mm reference goes. */
    private void freeRcu(MmuNotifier mn) {
        try (Frame f = k.enter("mmu_notifier_free_rcu")) {
            Mm mm = mn.mm;
            mn.freeNotifier();
            mn.freed = true;
            mm.mmdrop();
        }
    }

    /**
     * The SRCU callback context of a parallel section, beside its tasks: srcu_invoke_callbacks,
     * which a workqueue runs on some CPU once a grace period has passed, invoking each ready
     * callback with softirqs disabled (so a callback that sleeps is an atomic-sleep). It is
     * ready whenever a callback is queued, as a grace period may end at once; callbacks still
     * queued when the section ends run at the step's end, as between steps.
     */
    public org.smmubench.kernel.sched.Scheduler.Daemon srcuCallbackContext() {
        java.util.function.BooleanSupplier queued = () -> !srcuPending.isEmpty();
        return k.context("srcu_invoke_callbacks", queued, () -> {
            while (true) {
                try (Frame f = k.enter("srcu_invoke_callbacks")) {
                    while (!srcuPending.isEmpty()) {
                        MmuNotifier mn = srcuPending.poll();
                        k.localBhDisable();
                        try {
                            freeRcu(mn);
                        } finally {
                            k.localBhEnable();
                        }
                    }
                }
                k.waitUntil("srcu callback queued", queued);
            }
        });
    }

    public int srcuPendingCount() { return srcuPending.size(); }

    private final Map<Mm, Mutex> mmapLocks = new LinkedHashMap<>();

    private Mutex mmapLock(Mm mm) {
        return mmapLocks.computeIfAbsent(mm, m -> k.mutex("&mm->mmap_lock"));
    }

    private final Map<Mm, SpinLock> subscriptionsLocks = new LinkedHashMap<>();

    /** mm->notifier_subscriptions->lock (lockdep names it after its spin_lock_init). */
    private SpinLock subscriptionsLock(Mm mm) {
        return subscriptionsLocks.computeIfAbsent(mm, m -> k.spinLock("&subscriptions->lock"));
    }
}
