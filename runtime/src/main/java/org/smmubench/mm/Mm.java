package org.smmubench.mm;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;


/**
 * struct mm_struct of one process: page tables, CPU ASID, reference counts (mm_users for the
 * address space, mm_count for the struct), the mmu-notifier subscription list, and the
 * iommu core's per-mm data with its PASID.
 */
public final class Mm {
    private final String name;
    final PageTable pgtable;
    /** The CPU ASID the scheduler gave this mm. */
    final int cpuAsid;
    /** arm64_mm_context_get pins. */
    int asidPins;
    /** mm_users: the address space is alive while > 0. */
    int users = 1;
    /** mm_count: the struct lives while > 0 (mm_users together hold one). */
    int count = 1;
    boolean exited;
    boolean freed;
    final List<MmuNotifier> subscriptions = new ArrayList<>();
    /** va page -> (pa, prot) of every mapped user page, in VA order. */
    final TreeMap<Long, MappedPage> pages = new TreeMap<>();
    private final List<Runnable> teardownHooks = new ArrayList<>();
    private final MmWorld world;
    /**
     * [start, end) of each munmap between clearing its PTEs and the end of its TLB flush:
     * a device may still hit the old translation there (the invalidation has not completed),
     * which only another context, running at a schedule point of that munmap, can see.
     */
    final List<long[]> unmapsInFlight = new ArrayList<>();

    /** mm->iommu_mm (struct iommu_mm_data), owned by the iommu core. */
    public Object iommuMm;
    /** mm->pasid as the core assigned it (IOMMU_PASID_INVALID = -1 until then). */
    public int pasid = -1;

    record MappedPage(long pa, Prot prot) {}

    Mm(MmWorld world, String name, PageTable pgtable, int cpuAsid) {
        this.world = world;
        this.name = name;
        this.pgtable = pgtable;
        this.cpuAsid = cpuAsid;
    }

    public String name() { return name; }

    public long pgdPhys() { return pgtable.pgd(); }

    public int cpuAsid() { return cpuAsid; }

    public boolean exited() { return exited; }

    public boolean freed() { return freed; }

    public int mmCount() { return count; }

    public int asidPins() { return asidPins; }

    public List<MmuNotifier> subscriptions() { return subscriptions.isEmpty() ? List.of() : List.copyOf(subscriptions); }

    /** mm_get_enqcmd_pasid: the PASID the iommu core gave this mm, or -1 (IOMMU_PASID_INVALID). */
    public int mmGetEnqcmdPasid() { return pasid; }

    /** What the CPU translates {@code va} to, for the translation invariant. */
    public java.util.OptionalLong translate(long va) { return pgtable.lookup(va); }

    /** The live page descriptor of {@code va} (0 when unmapped). */
    public long descriptor(long va) { return pgtable.descriptor(va); }

    /** Mapped pages as (va, pa, prot), VA order. */
    public List<long[]> mappedPages() {
        List<long[]> out = new ArrayList<>();
        pages.forEach((va, p) -> out.add(new long[] {va, p.pa(), p.prot().ordinal()}));
        return out;
    }

    /** Whether a munmap covering {@code va} has cleared its PTEs but not finished its TLB flush yet. */
    public boolean unmapInFlight(long va) {
        for (long[] r : unmapsInFlight) if (Long.compareUnsigned(va, r[0]) >= 0 && Long.compareUnsigned(va, r[1]) < 0) return true;
        return false;
    }

    public Prot protAt(long va) {
        MappedPage p = pages.get(va & ~(org.smmubench.hw.field.Pte.PAGE_SIZE - 1));
        return p == null ? null : p.prot();
    }

    /** mmgrab: pin the struct (not the address space). */
    public void mmgrab() {
        if (freed) throw new IllegalStateException("mmgrab on a freed mm " + name);
        count++;
    }

    /** mmdrop: the last reference frees the struct (__mmdrop). */
    public void mmdrop() {
        if (--count == 0) world.mmdropFinal(this);
    }

    /** mm_pasid_drop's work, registered by the iommu core; runs where the tree calls it (__mmdrop in v6.8). */
    public void addTeardownHook(Runnable r) { teardownHooks.add(r); }

    List<Runnable> teardownHooks() { return teardownHooks; }

    @Override
    public String toString() { return name; }
}
