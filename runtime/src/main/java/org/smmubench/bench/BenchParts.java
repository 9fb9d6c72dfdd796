package org.smmubench.bench;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.smmubench.check.Invariant;
import org.smmubench.check.Checking;
import org.smmubench.check.InvariantSet;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.CdCode;
import org.smmubench.driver.InvCode;
import org.smmubench.driver.sva.ArmSmmuSva;
import org.smmubench.driver.sva.SvaFixed;
import org.smmubench.driver.sva.SvaPreFix;
import org.smmubench.driver.sva.DriverVariants;
import org.smmubench.kernel.Kernel;
import org.smmubench.mm.MmWorld;

/**
 * How a bench builds its driver: the SVA variant and the shared CD and invalidation code.
 * Tests substitute deliberately broken pieces (a CdCode that skips a CFGI_CD, a variant that
 * leaks a notifier reference) to show each invariant firing.
 */
public record BenchParts(String driverId, SvaFactory sva, Function<Kernel, CdCode> cdCode,
                         Function<Kernel, InvCode> invCode, Supplier<List<Invariant>> invariants, Checking checking) {

    /** Builds the variant's SVA code on top of the shared driver. */
    @FunctionalInterface
    public interface SvaFactory {
        ArmSmmuSva create(Kernel k, ArmSmmuV3 drv, MmWorld mms);
    }

    /** The real driver for a canonical variant id. */
    public static BenchParts of(String driverId) {
        SvaFactory sva = switch (driverId) {
            case DriverVariants.PRE_FIX -> SvaPreFix::new;
            case DriverVariants.FIXED -> SvaFixed::new;
            default -> throw new IllegalArgumentException("unknown driver variant " + driverId
                    + " (known: " + DriverVariants.names() + ")");
        };
        return new BenchParts(driverId, sva, CdCode::new, InvCode::new, InvariantSet::all, Checking.defaultMode());
    }

    public BenchParts withSva(SvaFactory f) { return new BenchParts(driverId, f, cdCode, invCode, invariants, checking); }

    public BenchParts withCdCode(Function<Kernel, CdCode> f) { return new BenchParts(driverId, sva, f, invCode, invariants, checking); }

    public BenchParts withInvCode(Function<Kernel, InvCode> f) { return new BenchParts(driverId, sva, cdCode, f, invariants, checking); }

    /** Incremental, paranoid (full walks) or cross-checked whole-state invariants. */
    public BenchParts withChecking(Checking c) { return new BenchParts(driverId, sva, cdCode, invCode, invariants, c); }

    public BenchParts withInvariants(Supplier<List<Invariant>> f) { return new BenchParts(driverId, sva, cdCode, invCode, f, checking); }
}
