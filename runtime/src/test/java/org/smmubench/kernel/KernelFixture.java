package org.smmubench.kernel;

import java.util.ArrayList;
import java.util.List;
import org.smmubench.kernel.Violation;
import org.smmubench.hw.PhysMemory;

/** A kernel with a list sink, shared by the kernel tests. */
final class KernelFixture {
    final PhysMemory mem = new PhysMemory();
    final Kernel k = new Kernel(mem);
    final List<Violation> violations = new ArrayList<>();

    KernelFixture() {
        k.setViolationSink(violations::add);
    }

    List<Violation> of(String invariant) {
        return violations.stream().filter(v -> v.invariant().equals(invariant)).toList();
    }

    Violation only(String invariant) {
        List<Violation> vs = of(invariant);
        if (vs.size() != 1) {
            throw new AssertionError("expected exactly one " + invariant + " violation, got " + violations);
        }
        return vs.get(0);
    }
}
