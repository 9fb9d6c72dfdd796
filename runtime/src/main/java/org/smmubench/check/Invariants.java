package org.smmubench.check;

import java.util.List;
import java.util.Optional;

/** The catalogue of invariant ids users can name in expectations (docs/invariants.md). */
public final class Invariants {
    private static final List<InvariantInfo> ALL = List.of(
            new InvariantInfo("atomic-sleep", "no sleeping operation (GFP_KERNEL allocation, mutex_lock, mmu_notifier_register, might_sleep) while a spinlock is held or IRQs are off", "I1"),
            new InvariantInfo("lock-order", "lock classes are taken in one consistent order (learned as lockdep does; a cycle is a violation)", "I2"),
            new InvariantInfo("lock-balance", "every lock and irqsave is released, in order, before the operation returns", "I3"),
            new InvariantInfo("kernel-warn", "a WARN/WARN_ON in the modelled kernel code fired", "kernel"),
            new InvariantInfo("soft-lockup", "one kernel entry point issues more commands than the watchdog budget (32768) without a schedule point; the kernel's watchdog would report \"BUG: soft lockup\"", "kernel"),
            new InvariantInfo("kernel-oops", "the modelled kernel read or wrote memory that no allocation covers (past the end of a table, or freed); the real kernel would Oops, or corrupt what lies there; the bench abandons the call", "kernel"),
            new InvariantInfo("cd-placement", "a valid CD for PASID p exists in master M exactly when M is bound to the mm owning p (quiesced CDs after exit allowed)", "I4"),
            new InvariantInfo("cd-bounds", "no CD write at or beyond 1 << s1cdmax succeeds", "I5"),
            new InvariantInfo("pasid-consistency", "the PASID the driver writes equals the mm's PASID and the core's id", "I7"),
            new InvariantInfo("notifier-balance", "notifier refs equal bonds using it; every get has one put; lists empty at quiescence", "I8"),
            new InvariantInfo("bond-unique", "at most one bond per (master, mm); no bond points at a freed notifier", "I9"),
            new InvariantInfo("shared-cd-refs", "shared CD refs equal notifiers using it; released exactly once", "I10"),
            new InvariantInfo("asid-unique", "ASID map injective, in range, no private/CPU collision, TLBI before reuse", "I11"),
            new InvariantInfo("domain-devices", "m in D.devices iff m.domain == D; a DMA domain's devices equal its group; nr_ats_masters counts its ATS entries", "I12"),
            new InvariantInfo("dma-leak", "every model allocation is freed exactly once by teardown; no use after free", "I13"),
            new InvariantInfo("cd-write-order", "a CD becomes valid only after its other dwords are written and synced; every dword-0 store is followed by CFGI_CD for all the master's streams and a CMD_SYNC", "I14"),
            new InvariantInfo("ste-write-order", "STE changes follow body, CFGI_STE+SYNC, dword 0, CFGI_STE+SYNC; no live-to-live switch; S1 fields match the CD table", "I15"),
            new InvariantInfo("tlb-retire", "retiring a shared context issues TLBI by ASID (+ATC_INV) after the CD is cleared and before the ASID is released", "I16"),
            new InvariantInfo("sva-handle-refs", "an SVA handle's users equal its binds minus its unbinds; a handle is listed on its mm exactly while it has users", "I20"),
            new InvariantInfo("pasid-lifetime", "a PASID still held by a valid CD, a bond, an SVA handle or a group's pasid_array is never free in the global PASID allocator", "I21"),
            new InvariantInfo("group-pasid-atomic", "after a failed group PASID attach no device keeps a bond or valid CD for it", "I18"),
            new InvariantInfo("translation", "a DMA that succeeds produced exactly walk(bound mm, va)", "HW I1"),
            new InvariantInfo("stale-config", "every cached STE/L1STD/CD/L1CD equals memory when a step ends; a transaction served from a stale cached entry is reported at once", "HW I2"),
            new InvariantInfo("stale-tlb", "TLB and ATC entries agree with a fresh walk of the current page tables", "HW I3, I4"),
            new InvariantInfo("dma-after-unbind", "after unbind or exit returns, no DMA with that PASID succeeds", "HW I11"),
            new InvariantInfo("forbidden-event", "no event that a correct run never produces", "HW I10"));

    private Invariants() {}

    public static List<InvariantInfo> all() { return ALL; }

    public static Optional<InvariantInfo> find(String id) {
        return ALL.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    public static List<String> ids() { return ALL.stream().map(InvariantInfo::id).toList(); }
}
