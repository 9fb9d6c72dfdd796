package org.smmubench.bench;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.smmubench.check.Invariant;
import org.smmubench.check.InvariantSet;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.CdCode;
import org.smmubench.driver.InvCode;
import org.smmubench.driver.sva.ArmSmmuSva;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.driver.tree.KernelTree;
import org.smmubench.kernel.Kernel;
import org.smmubench.mm.MmWorld;

/**
 * How a bench builds its kernel: the tree whose commits it installs, and the SVA, CD and
 * invalidation code it installs them into. Tests substitute deliberately broken pieces (a
 * CdCode that skips a CFGI_CD, an SVA that leaks a notifier reference) to show each invariant
 * firing; the tree's commits are installed into those pieces too.
 */
public record BenchParts(KernelTree tree, SvaFactory sva, Function<Kernel, CdCode> cdCode,
                         Function<Kernel, InvCode> invCode, Supplier<List<Invariant>> invariants) {

    /** Builds the SVA code on top of the driver. */
    @FunctionalInterface
    public interface SvaFactory {
        ArmSmmuSva create(Kernel k, ArmSmmuV3 drv, MmWorld mms);
    }

    /** The real kernel for a tree name (or alias). */
    public static BenchParts of(String driver) {
        KernelTree tree = DriverVariants.tree(driver).orElseThrow(() -> new IllegalArgumentException(
                DriverVariants.problem(driver).orElse("unknown driver '" + driver + "' (known: " + DriverVariants.names() + ")")));
        return new BenchParts(tree, ArmSmmuSva::new, CdCode::new, InvCode::new, InvariantSet::all);
    }

    /** The canonical tree name, as results and reports carry it. */
    public String driverId() { return tree.name(); }

    public BenchParts withSva(SvaFactory f) { return new BenchParts(tree, f, cdCode, invCode, invariants); }

    public BenchParts withCdCode(Function<Kernel, CdCode> f) { return new BenchParts(tree, sva, f, invCode, invariants); }

    public BenchParts withInvCode(Function<Kernel, InvCode> f) { return new BenchParts(tree, sva, cdCode, f, invariants); }

    public BenchParts withInvariants(Supplier<List<Invariant>> f) { return new BenchParts(tree, sva, cdCode, invCode, f); }
}
