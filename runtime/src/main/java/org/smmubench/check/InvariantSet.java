package org.smmubench.check;

import java.util.ArrayList;
import java.util.List;

/** A fresh instance of every whole-state invariant checker (the kernel raises the rest at the call). */
public final class InvariantSet {
    private InvariantSet() {}

    public static List<Invariant> all() {
        List<Invariant> l = new ArrayList<>();
        l.add(new DmaLeakAtTeardown());
        return l;
    }

    /** None: a bench that only reports what the kernel context catches (benchmarks, raw exploration). */
    public static List<Invariant> none() { return List.of(); }
}
