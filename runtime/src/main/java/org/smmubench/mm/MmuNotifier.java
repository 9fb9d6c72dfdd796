package org.smmubench.mm;

/**
 * struct mmu_notifier: a secondary-MMU subscription to an mm. Drivers subclass it and
 * implement the ops they use (arm-smmu-v3 SVA: arch_invalidate_secondary_tlbs, release,
 * free_notifier).
 */
public abstract class MmuNotifier {
    /** mn.mm: set by mmu_notifier_register. */
    Mm mm;
    /** The core's own reference count (1 from register; mmu_notifier_put drops it). */
    int users;
    /** Linked on the mm's subscription list (hlist_unhashed == false). */
    boolean linked;
    /** free_notifier has run: the object is gone. */
    boolean freed;

    public Mm mm() { return mm; }

    public boolean isLinked() { return linked; }

    public boolean isFreed() { return freed; }

    /** ops->release: the mm is being torn down while still subscribed. */
    public abstract void release(Mm mm);

    /** ops->arch_invalidate_secondary_tlbs: the CPU just invalidated [start, end). */
    public abstract void archInvalidateSecondaryTlbs(Mm mm, long start, long end);

    /** ops->free_notifier: called after the SRCU grace period that follows mmu_notifier_put. */
    public abstract void freeNotifier();
}
