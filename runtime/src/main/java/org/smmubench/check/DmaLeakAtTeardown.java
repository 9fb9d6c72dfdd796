package org.smmubench.check;

import org.smmubench.kernel.Violation;

import java.util.function.Consumer;

import org.smmubench.driver.ArmSmmuDevice;
import org.smmubench.kernel.Allocation;

/**
 * dma-leak (I13), the teardown half: once every handle is unbound, every process has exited
 * and every device is released, nothing the driver or core allocated on a device's behalf may
 * still be live. (Double frees and use after free are caught at the call by the kernel context.)
 * The SMMU's own stream table and queues live until the SMMU itself goes, so they are exempt.
 */
public final class DmaLeakAtTeardown implements Invariant {
    @Override
    public String id() { return "dma-leak"; }

    @Override
    public void atTeardown(World w, Consumer<Violation> sink) {
        for (Allocation a : w.kernel.liveAllocations()) {
            if (ArmSmmuDevice.DEV_NAME.equals(a.device())) continue;
            sink.accept(new Violation(id(), "unreferenced object at teardown: " + a.describe(),
                    a.backtrace(), java.util.List.of(),
                    "unreferenced object (size " + a.size() + "):\n  backtrace:\n    "
                            + String.join("\n    ", a.backtrace())));
        }
    }
}
