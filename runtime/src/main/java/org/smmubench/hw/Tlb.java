package org.smmubench.hw;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The SMMU TLB: complete stage-1 translations tagged by (StreamWorld, VMID, ASID or global,
 * VA), never by StreamID or SSID. Filled only by successful walks; an entry goes only when a
 * TLBI covering it has been consumed and a later CMD_SYNC has completed.
 */
public final class Tlb {
    private final List<TlbEntry> entries = new ArrayList<>();

    public List<TlbEntry> entries() {
        return List.copyOf(entries);
    }

    public int size() {
        return entries.size();
    }

    /** The entry a translation for (world, vmid, asid, va) would hit. */
    public Optional<TlbEntry> lookup(int world, int vmid, int asid, long va) {
        for (TlbEntry e : entries) {
            if (e.world() == world && (world != 0 || e.vmid() == vmid) && (e.global() || e.asid() == asid) && e.covers(va)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    void fill(TlbEntry e) {
        entries.add(e);
    }

    void markPending(Predicate<TlbEntry> which) {
        for (int i = 0; i < entries.size(); i++) {
            TlbEntry e = entries.get(i);
            if (!e.pendingInvalidation() && which.test(e)) {
                entries.set(i, new TlbEntry(e.world(), e.vmid(), e.asid(), e.global(), e.va(), e.size(), e.pa(),
                        e.level(), e.readOnly(), e.el0(), e.uxn(), e.pxn(), true, e.filledAt()));
            }
        }
    }

    void commitPending() {
        entries.removeIf(TlbEntry::pendingInvalidation);
    }
}
