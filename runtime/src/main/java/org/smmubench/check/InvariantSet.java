package org.smmubench.check;

import java.util.ArrayList;
import java.util.List;

/**
 * A fresh instance of every whole-state invariant checker. atomic-sleep, lock-order,
 * lock-balance, kernel-warn, soft-lockup and kernel-oops (and the double-free/use-after-free half of dma-leak) are
 * raised at the call by the kernel execution context, not here.
 */
public final class InvariantSet {
    private InvariantSet() {}

    public static List<Invariant> all() {
        List<Invariant> l = new ArrayList<>();
        l.add(new DmaLeakAtTeardown());
        addSoftwareState(l);
        addHardware(l);
        return l;
    }

    /** Driver and core state: bonds, notifiers, CDs, ASIDs, domains and allocations. */
    private static void addSoftwareState(List<Invariant> l) {
        l.add(new CdPlacement());
        l.add(new CdBounds());
        l.add(new PasidConsistency());
        l.add(new NotifierBalance());
        l.add(new BondUnique());
        l.add(new SharedCdRefs());
        l.add(new AsidUnique());
        l.add(new DomainDevices());
        l.add(new GroupPasidAtomic());
        l.add(new SvaHandleRefs());
        l.add(new PasidLifetime());
    }

    /** Hardware ordering, caches and translations: what the SMMU reads, caches and returns. */
    private static void addHardware(List<Invariant> l) {
        l.add(new CdWriteOrder());
        l.add(new SteWriteOrder());
        l.add(new TlbRetire());
        l.add(new Translation());
        l.add(new StaleConfig());
        l.add(new StaleTlb());
        l.add(new DmaAfterUnbind());
        l.add(new ForbiddenEvent());
    }

    /** None: a bench that only reports what the kernel context catches (benchmarks, raw exploration). */
    public static List<Invariant> none() { return List.of(); }
}
